import { containsPhrase, foldText } from './text.js';

/**
 * Moments where response time decides progression (seed 000): a new concrete
 * goal, an internship idea, an internship the citizen found themself. Each
 * becomes a normal-priority alert so the caseworker acts while motivation is there.
 */
export type GoalMoment = 'goal-new' | 'internship-idea' | 'internship-found';

const foundPhrases = [
  'fundet en praktik', 'fundet praktik', 'fået en praktik', 'faaet en praktik', 'fået praktik', 'har en praktik',
  'found an internship', 'got an internship', 'have an internship', 'found a placement', 'got a placement',
];
const internshipWords = ['praktik', 'praktikplads', 'virksomhedspraktik', 'internship', 'placement'];

export function classifyGoalStatement(text: string): GoalMoment {
  const folded = foldText(text);
  if (foundPhrases.some((phrase) => containsPhrase(folded, phrase))) return 'internship-found';
  if (internshipWords.some((word) => containsPhrase(folded, word))) return 'internship-idea';
  return 'goal-new';
}

/** Free text the citizen writes is kept to this length; longer is asked to be shortened, never cut silently. */
export const MAX_FREE_TEXT = 500;

/** A free-text answer worth saving: some letters or digits, not just emoji or punctuation, and not too long. */
export function freeTextProblem(text: string, max = MAX_FREE_TEXT): 'empty' | 'tooLong' | undefined {
  if (text.trim().length > max) return 'tooLong';
  return /[\p{L}\p{N}]/u.test(text) ? undefined : 'empty';
}

const unsurePhrases = [
  'ved ikke', 'ved det ikke', 'det ved jeg ikke', 'ved jeg ikke', 'aner det ikke', 'aner ikke', 'ingen anelse', 'ikke sikker', 'hjælp mig',
  'dont know', 'don t know', 'do not know', 'not sure', 'no idea', 'help me',
];

/** A short answer saying "I don't know" in some form: offer the guided paths instead of saving it as a goal. */
export function soundsUnsure(text: string): boolean {
  const folded = foldText(text);
  return folded.length <= 40 && unsurePhrases.some((phrase) => containsPhrase(folded, phrase));
}
