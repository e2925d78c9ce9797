import { FACTORS, type Factor, findItem, type QuestionBank } from './questionBank/index.js';

/** 0 = most favourable … 4 = least; null = skipped. */
export interface Answer {
  itemId: string;
  optionIndex: number | null;
}

export type FactorScores = Record<Factor, number | null>;

const OPTION_SCORES = [100, 75, 50, 25, 0] as const;

/** An answer's score: 100 / 75 / 50 / 25 / 0 from most to least favourable. */
export function optionScore(optionIndex: number): number {
  const score = OPTION_SCORES[optionIndex];
  if (score === undefined) throw new RangeError(`No option ${optionIndex}`);
  return score;
}

/** Each factor's score: the mean of its answered items; null when none was answered (skips do not count as zero). */
export function factorScores(answers: readonly Answer[], bank: QuestionBank): FactorScores {
  const scores = {} as FactorScores;
  for (const factor of FACTORS) {
    const answered = answers.filter((answer) => answer.optionIndex !== null && findItem(bank, answer.itemId)?.factor === factor);
    scores[factor] = answered.length
      ? Math.round((answered.reduce((sum, answer) => sum + optionScore(answer.optionIndex as number), 0) / answered.length) * 10) / 10
      : null;
  }
  return scores;
}

/** Change per factor since the previous check-in; null where either has no score. */
export function scoreChanges(latest: FactorScores, previous: FactorScores | undefined): FactorScores {
  const changes = {} as FactorScores;
  for (const factor of FACTORS) {
    const now = latest[factor];
    const before = previous?.[factor];
    changes[factor] = now !== null && before !== null && before !== undefined ? now - before : null;
  }
  return changes;
}

/** A fall this large in one factor is worth a word with the caseworker (two steps on one item). */
export const CONCERN_DROP = 50;

export type Concern = { kind: 'drop'; factor: Factor; from: number; to: number } | { kind: 'health'; itemId: string };

/** What the caseworker should hear about, as numbers: big falls, and the least favourable answer on a health item. */
export function concerns(latest: FactorScores, previous: FactorScores | undefined, answers: readonly Answer[], bank: QuestionBank): Concern[] {
  const found: Concern[] = [];
  for (const factor of FACTORS) {
    const now = latest[factor];
    const before = previous?.[factor];
    if (now !== null && before !== null && before !== undefined && before - now >= CONCERN_DROP) {
      found.push({ kind: 'drop', factor, from: before, to: now });
    }
  }
  for (const answer of answers) {
    if (answer.optionIndex === 4 && findItem(bank, answer.itemId)?.factor === bank.healthFactor) found.push({ kind: 'health', itemId: answer.itemId });
  }
  return found;
}

/**
 * How progress is told to the citizen (seed 002: showing stagnation demotivates):
 * every improvement is named, however small; anything else is an invitation
 * to talk with the caseworker, never a verdict. A fall the caseworker hears
 * about (CONCERN_DROP) is named as large to the citizen too: truthfully, kindly.
 */
export function progressFraming(changes: FactorScores): { improved: Factor[]; talkAbout: Factor[]; muchLower: Factor[]; first: boolean } {
  const known = FACTORS.filter((factor) => changes[factor] !== null);
  const change = (factor: Factor) => changes[factor] as number;
  return {
    improved: known.filter((factor) => change(factor) > 0),
    talkAbout: known.filter((factor) => change(factor) < 0 && change(factor) > -CONCERN_DROP),
    muchLower: known.filter((factor) => change(factor) <= -CONCERN_DROP),
    first: known.length === 0,
  };
}
