import { normalise } from './normalise.js';

/** An answer to "Er du i sikkerhed lige nu?" or to a screening question. */
export type FollowUpAnswer = 'yes' | 'no' | 'unsure';

const YES = new Set(['ja', 'jo', 'jep', 'jeps', 'yes', 'yeah', 'yep', 'ok', 'okay', 'sikker', 'safe', 'fint', 'fine', 'y', 'j', 'sure']);
const NO = new Set(['nej', 'nope', 'no', 'nah', 'ikke', 'not', 'n']);
const UNSURE = new Set(['maaske', 'maybe', 'usikker', 'unsure', 'idk', 'aner']);

function has(words: readonly string[], ...wanted: string[]): boolean {
  return wanted.every((word) => words.includes(word));
}

/**
 * Reads a short reply: the button's label or what people type ("ja", "nej ikke rigtig",
 * "ved ikke", "I don't know"). Undefined for anything longer or unclear, and for bare numbers:
 * those answer the question the person was in before (a check-in item), not this one.
 */
export function parseFollowUpAnswer(text: string): FollowUpAnswer | undefined {
  const trimmed = text.trim();
  const words = normalise(trimmed);
  if (words.length === 0 || words.length > 6) return undefined;
  // "ved ikke" and "not sure" hold a no-word but mean neither.
  if (words.some((word) => UNSURE.has(word)) || has(words, 'ved', 'ikke') || has(words, 'not', 'know') || has(words, 'not', 'sure')) return 'unsure';
  if (words.some((word) => NO.has(word))) return 'no';
  if (words.some((word) => YES.has(word))) return 'yes';
  return undefined;
}
