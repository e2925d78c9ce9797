// npx tsx scripts/train-crisis-model.ts — trains the learned stage of the crisis detector and writes domain/crisis/model.json.
// Deterministic: a fixed seed for the shuffle, full passes, weights rounded. Every fifth sentence of each
// category of test/fixtures/crisis-corpus.json is held out to choose the threshold; the development set
// (test/fixtures/crisis-dev-set.json) is never used here, so the bench's figures on it stay honest.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CrisisModel, probability } from '../domain/crisis/model.js';
import { modelFeatures, prepare } from '../domain/crisis/detector.js';
import { holdOut, type LabelledSet, labelled } from '../domain/crisis/corpus.js';

const SEED = 20261123;
const DIMENSIONS = 8192;
const EPOCHS = 40;
const LEARNING_RATE = 0.4;
const L2 = 1e-4;
/** The model alone must find at least this share of held-out crisis sentences… */
const TARGET_RECALL = 0.9;
/** …without raising more false alarms than this on held-out ordinary ones. */
const MAX_FALSE_ALARMS = 0.02;

const root = join(import.meta.dirname, '..');
const corpus = JSON.parse(readFileSync(join(root, 'test/fixtures/crisis-corpus.json'), 'utf8')) as LabelledSet;
const { train, held } = holdOut(labelled(corpus), 5);

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

const random = seeded(SEED);
const examples = train.map((example) => ({ buckets: modelFeatures(prepare(example.text), DIMENSIONS), y: example.crisis ? 1 : 0 }));
const weights = new Float64Array(DIMENSIONS);
let bias = 0;
const model = (): CrisisModel => ({ dimensions: DIMENSIONS, bias, weights: [...weights], threshold: 0.5, trainedOn: { sentences: train.length, seed: SEED } });

for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
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
    bias -= LEARNING_RATE * error;
    for (const bucket of example.buckets) weights[bucket] = (weights[bucket] ?? 0) * (1 - LEARNING_RATE * L2) - LEARNING_RATE * error * scale;
  }
}

// Threshold for recall: the highest probability at which the model alone still finds TARGET_RECALL of the
// held-out crisis sentences, provided held-out false alarms stay within MAX_FALSE_ALARMS; else the lowest safe one.
const trained = model();
const scored = held.map((example) => ({ crisis: example.crisis, p: probability(trained, modelFeatures(prepare(example.text), DIMENSIONS)) }));
const crisisScores = scored.filter((s) => s.crisis).map((s) => s.p).sort((a, b) => b - a);
const benignScores = scored.filter((s) => !s.crisis).map((s) => s.p).sort((a, b) => b - a);
const forRecall = crisisScores[Math.max(0, Math.ceil(crisisScores.length * TARGET_RECALL) - 1)] ?? 0.5;
const allowedFalseAlarms = Math.floor(benignScores.length * MAX_FALSE_ALARMS);
const safeAbove = (benignScores[allowedFalseAlarms] ?? 0) + 1e-4;
const threshold = Math.round(Math.max(forRecall, safeAbove) * 1e4) / 1e4;

const rounded: CrisisModel = {
  dimensions: DIMENSIONS,
  bias: Math.round(bias * 1e4) / 1e4,
  weights: [...weights].map((w) => Math.round(w * 1e3) / 1e3),
  threshold,
  trainedOn: { sentences: train.length, seed: SEED },
};
writeFileSync(join(root, 'domain/crisis/model.json'), `${JSON.stringify(rounded)}\n`);
const recall = crisisScores.filter((p) => p >= threshold).length / crisisScores.length;
const falseAlarms = benignScores.filter((p) => p >= threshold).length / benignScores.length;
process.stdout.write(
  `trained on ${train.length} sentences (${EPOCHS} epochs, seed ${SEED}); held out ${held.length}: ` +
    `threshold ${threshold}, model alone recall ${(recall * 100).toFixed(1)} %, false alarms ${(falseAlarms * 100).toFixed(1)} %\n`,
);
