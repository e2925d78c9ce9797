// The intent test set's accuracy: how often a citizen's message is understood as
// the urgent-change kind (or "message for my caseworker") it was written as.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../bot/app.js';
import { recognizeConcern } from '../domain/intents/concerns.js';

export interface IntentCase {
  text: string;
  expected: string | null;
  /** Written after the lexicon was tuned, and not used to tune it. */
  heldOut?: boolean;
}

export interface IntentScore {
  total: number;
  correct: number;
  misses: Array<IntentCase & { got: string | null }>;
}

export function readIntentSet(): IntentCase[] {
  return (JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'intent-set.json'), 'utf8')) as { cases: IntentCase[] }).cases;
}

export function scoreIntents(cases: readonly IntentCase[]): IntentScore {
  const misses = cases.map((c) => ({ ...c, got: recognizeConcern(c.text) ?? null })).filter((c) => c.got !== c.expected);
  return { total: cases.length, correct: cases.length - misses.length, misses };
}

const percent = (score: IntentScore) => ((100 * score.correct) / score.total).toFixed(1);

/** Prints the whole set's accuracy and the held-out part's. */
export function printIntentAccuracy(): void {
  const cases = readIntentSet();
  const all = scoreIntents(cases);
  const heldOut = scoreIntents(cases.filter((c) => c.heldOut));
  console.log(`intent set: ${all.correct}/${all.total} understood (${percent(all)} %); held-out part ${heldOut.correct}/${heldOut.total} (${percent(heldOut)} %)`);
}
