import { type Concept, type ConceptHit, findConcepts } from './concepts.js';
import { maskIdioms } from './idioms.js';
import { type Token, tokenize } from './grammar.js';
import { type CrisisModel, features, probability, strongestWords } from './model.js';
import trainedModel from './model.json' with { type: 'json' };
import { normalise } from './normalise.js';

export type CrisisTier = 'clear' | 'possible' | 'none';

export interface CrisisAssessment {
  tier: CrisisTier;
  /** Which concept fired on which words: shown to the caseworker, never logged with the words. */
  concepts: Array<{ concept: Concept; words: string[] }>;
  /** The learned stage's probability (0–1); the grammar decides on its own when it is sure. */
  score: number;
  /** How much this message adds to the risk carried across turns (see accumulation.ts). */
  weight: number;
}

const MODEL = trainedModel as CrisisModel;

/** Key words (lemmas) that turn a possible risk into a clear one: a means, a place, a plan or a time. */
const ESCALATING: ReadonlySet<string> = new Set(['pills', 'overdose', 'rope', 'blade', 'gun', 'height', 'bridge', 'tracks', 'planned', 'ready', 'hoard', 'tonight']);

export const TIER_WEIGHT: Record<CrisisTier, number> = { clear: 2, possible: 1, none: 0 };
const WEAK_WEIGHT = 0.5;

/** A message as the grammar and the model read it: normalised, key words looked up, idioms blanked. */
export function prepare(text: string): Token[] {
  return maskIdioms(tokenize(normalise(text)));
}

/** Stands where an idiom was blanked, so the model learns that "jeg vil ikke <idiom>" is not "jeg vil ikke". */
const IDIOM_PLACE: Token = { word: 'idiomet', lemmas: new Set(['idiom']) };

/** The learned stage's input: the words with each blanked idiom as one placeholder, and their lemmas. */
export function modelFeatures(tokens: readonly Token[], dimensions: number): number[] {
  const kept = tokens.map((token) => (token.word ? token : IDIOM_PLACE)).filter((token, index, all) => token !== IDIOM_PLACE || all[index - 1] !== IDIOM_PLACE);
  return features(
    kept.map((token) => token.word),
    kept.flatMap((token) => [...token.lemmas]),
    dimensions,
  );
}

/**
 * Reads one message for risk to life or safety. Two stages: the concept grammar
 * (explainable, generalises across inflections, typos and word order) and a small
 * learned model that catches phrasings the grammar has no rule for. Either one is
 * enough; a false alarm costs a kind message, a miss can cost a life.
 */
export function detectCrisis(text: string, model: CrisisModel = MODEL): CrisisAssessment {
  const tokens = prepare(text);
  if (tokens.length === 0) return { tier: 'none', concepts: [], score: 0, weight: 0 };
  const hits = findConcepts(tokens);
  const score = probability(model, modelFeatures(tokens, model.dimensions));

  const strong = hits.filter((hit) => hit.tier !== 'weak');
  const distinct = new Set(strong.map((hit) => hit.concept));
  const escalators = tokens.filter((token) => [...token.lemmas].some((lemma) => ESCALATING.has(lemma))).map((token) => token.word);
  let tier: CrisisTier = 'none';
  const concepts: ConceptHit[] = [...hits];
  if (strong.some((hit) => hit.tier === 'clear')) tier = 'clear';
  else if (strong.length > 0) {
    // A wish to die with a means, a place, a plan or a time, or two kinds of risk at once: clear.
    if (escalators.length > 0) concepts.push({ concept: 'time-or-means', tier: 'clear', words: escalators });
    tier = escalators.length > 0 || distinct.size >= 2 ? 'clear' : 'possible';
  } else if (score >= model.threshold || hits.length >= 2) {
    tier = 'possible';
    if (score >= model.threshold) {
      const kept = tokens.filter((token) => token.word).map((token) => token.word);
      concepts.push({ concept: 'learned', tier: 'possible', words: strongestWords(model, kept) });
    }
  }
  const weight = tier === 'none' ? (hits.length > 0 ? WEAK_WEIGHT : 0) : TIER_WEIGHT[tier];
  return { tier, concepts: concepts.map(({ concept, words: fired }) => ({ concept, words: fired })), score, weight };
}
