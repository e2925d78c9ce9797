import type { UrgentChangeKind } from '../urgentChanges.js';
import { type Concept, conceptsIn } from './concepts.js';

/**
 * What a free message is about: an urgent change of a kind, a change whose kind
 * is not said ("der er sket noget": ask which), or a message meant for the caseworker.
 */
export type Concern = UrgentChangeKind | 'change' | 'message';

type Rule = [Concern, (has: (concept: Concept) => boolean) => boolean];

// First rule that holds wins: the most specific combinations come first.
const RULES: Rule[] = [
  ['courseInterrupted', (has) => (has('internship') || has('course')) && has('stopped') && !has('doubt')],
  ['internshipAtRisk', (has) => has('internship') && has('doubt')],
  ['internshipFound', (has) => has('internship') && has('found')],
  ['housing', (has) => has('homeLoss')],
  ['money', (has) => has('cantPay') || has('money')],
  ['housing', (has) => has('home') && (has('stopped') || has('doubt'))],
  ['family', (has) => has('bereavement') || (has('relative') && has('illness'))],
  ['illness', (has) => has('illness')],
  ['courseInterrupted', (has) => has('course') && has('stopped')],
  ['message', (has) => has('tellRequest') && (has('caseworker') || has('absence'))],
  ['other', (has) => has('absence')],
  ['change', (has) => has('happened')],
  ['message', (has) => has('caseworker') || has('tellRequest')],
];

/** Longer than this, a message is a letter, not a report to classify. */
const MAX_LENGTH = 500;

/**
 * What a citizen's own words are about, by the concepts they carry, in Danish
 * or English ("jeg har ondt i ryggen og kan ikke komme" → illness; "jeg kan
 * ikke betale min husleje" → money; "min mor er død" → family); undefined when
 * nothing is recognised. Crisis is not handled here: it is detected before.
 */
export function recognizeConcern(text: string): Concern | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const concepts = conceptsIn(text);
  if (concepts.size === 0) return undefined;
  const has = (concept: Concept) => concepts.has(concept);
  return RULES.find(([, holds]) => holds(has))?.[0];
}

/**
 * True when a message reads as words to someone (two or more words with
 * letters, not too long to send), not as a number, an emoji or a stray key.
 */
export function looksLikeWords(text: string, maxLength = MAX_LENGTH): boolean {
  if (text.length > maxLength) return false;
  return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length >= 2;
}
