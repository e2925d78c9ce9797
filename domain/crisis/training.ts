import { holdOut, type LabelledSet, labelled } from './corpus.js';
import { modelFeatures, prepare } from './detector.js';
import { type CrisisModel, probability } from './model.js';

/**
 * Trains the learned stage: logistic regression by stochastic gradient descent over hashed
 * features, deterministic (a seeded shuffle, fixed passes, rounded weights). Every fifth
 * sentence of each category is held out to choose the threshold.
 */
export const TRAINING = {
  seed: 20261123,
  dimensions: 8192,
  epochs: 40,
  learningRate: 0.4,
  l2: 1e-4,
  /** The model alone must find at least this share of held-out crisis sentences… */
  targetRecall: 0.9,
  /** …without more false alarms than this on held-out ordinary ones. */
  maxFalseAlarms: 0.02,
  /**
   * …and never below this: alone, the model speaks only when very sure, since the grammar carries recall.
   * Lower, everyday sentences read as risk (measured: "jeg har været syg hele ugen" scored 0.95).
   */
  minThreshold: 0.96,
};

/** mulberry32: a small seeded generator, so that every run shuffles the same way. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainingReport {
  model: CrisisModel;
  trained: number;
  heldOut: number;
  /** The model alone on the held-out sentences, at the chosen threshold. */
  recall: number;
  falseAlarms: number;
}

export function trainCrisisModel(corpus: LabelledSet, settings = TRAINING): TrainingReport {
  const { train, held } = holdOut(labelled(corpus), 5);
  const random = seeded(settings.seed);
  const examples = train.map((example) => ({ buckets: modelFeatures(prepare(example.text), settings.dimensions), y: example.crisis ? 1 : 0 }));
  const weights = new Float64Array(settings.dimensions);
  let bias = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    const order = examples.map((_, index) => index);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const example = examples[index];
      if (!example) continue;
      const scale = 1 / Math.sqrt(Math.max(1, example.buckets.length));
      let z = bias;
      for (const bucket of example.buckets) z += (weights[bucket] ?? 0) * scale;
      const error = 1 / (1 + Math.exp(-z)) - example.y;
      bias -= settings.learningRate * error;
      for (const bucket of example.buckets) {
        weights[bucket] = (weights[bucket] ?? 0) * (1 - settings.learningRate * settings.l2) - settings.learningRate * error * scale;
      }
    }
  }
  const model: CrisisModel = {
    dimensions: settings.dimensions,
    bias: Math.round(bias * 1e4) / 1e4,
    // "|| 0": no negative zeros, which JSON cannot keep.
    weights: [...weights].map((w) => Math.round(w * 1e3) / 1e3 || 0),
    threshold: 0.5,
    trainedOn: { sentences: train.length, seed: settings.seed },
  };
  // The threshold for recall: the highest probability at which the model alone still finds targetRecall of the
  // held-out crisis sentences, unless that lets through more held-out false alarms than allowed; then the lowest safe one.
  const scored = held.map((example) => ({ crisis: example.crisis, p: probability(model, modelFeatures(prepare(example.text), settings.dimensions)) }));
  const crisisScores = scored.filter((s) => s.crisis).map((s) => s.p).sort((a, b) => b - a);
  const benignScores = scored.filter((s) => !s.crisis).map((s) => s.p).sort((a, b) => b - a);
  const forRecall = crisisScores[Math.max(0, Math.ceil(crisisScores.length * settings.targetRecall) - 1)] ?? 0.5;
  const safeAbove = (benignScores[Math.floor(benignScores.length * settings.maxFalseAlarms)] ?? 0) + 1e-4;
  model.threshold = Math.round(Math.max(forRecall, safeAbove, settings.minThreshold) * 1e4) / 1e4;
  return {
    model,
    trained: train.length,
    heldOut: held.length,
    recall: crisisScores.filter((p) => p >= model.threshold).length / crisisScores.length,
    falseAlarms: benignScores.filter((p) => p >= model.threshold).length / benignScores.length,
  };
}
