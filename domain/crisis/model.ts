/**
 * The learned second stage: logistic regression over hashed features of the folded
 * message (character n-grams of 3–5 letters, whole words and key-word lemmas), trained by
 * scripts/train-crisis-model.ts from test/fixtures/crisis-corpus.json. Pure and
 * allocation-light so that it runs in well under a millisecond.
 */

export interface CrisisModel {
  /** Number of hash buckets (a power of two). */
  dimensions: number;
  bias: number;
  weights: number[];
  /** Probability at or above which the model alone calls a message a possible risk (chosen for recall on held-out sentences). */
  threshold: number;
  trainedOn: { sentences: number; seed: number };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, of text[from, to) with an optional prefix: cheap, stable across runs and platforms, no substrings made. */
function hash(text: string, from = 0, to = text.length, prefix = ''): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i += 1) h = Math.imul(h ^ prefix.charCodeAt(i), FNV_PRIME);
  for (let i = from; i < to; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * The hashed feature buckets of a message: character n-grams and words of what is left once
 * idioms are blanked, plus the key-word lemmas (so "dø", "died" and "dræbbe" share evidence).
 */
export function features(words: readonly string[], lemmas: readonly string[], dimensions: number): number[] {
  const mask = dimensions - 1;
  const padded = ` ${words.join(' ')} `;
  const buckets: number[] = [];
  for (let n = 3; n <= 5; n += 1) {
    for (let i = 0; i + n <= padded.length; i += 1) buckets.push(hash(padded, i, i + n) & mask);
  }
  for (const word of words) buckets.push(hash(word, 0, word.length, 'w:') & mask);
  for (const lemma of lemmas) buckets.push(hash(lemma, 0, lemma.length, 'l:') & mask);
  return buckets;
}

/** The words of a message that speak most for risk in the model's eyes: how a learned decision explains itself. */
export function strongestWords(model: CrisisModel, words: readonly string[], most = 3): string[] {
  const mask = model.dimensions - 1;
  return [...new Set(words)]
    .map((word) => ({ word, weight: model.weights[hash(word, 0, word.length, 'w:') & mask] ?? 0 }))
    .filter((scored) => scored.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, most)
    .map((scored) => scored.word);
}

/** The model's probability that a message signals risk. */
export function probability(model: CrisisModel, buckets: readonly number[]): number {
  let z = model.bias;
  for (const bucket of buckets) z += model.weights[bucket] ?? 0;
  return 1 / (1 + Math.exp(-z / Math.sqrt(Math.max(1, buckets.length))));
}
