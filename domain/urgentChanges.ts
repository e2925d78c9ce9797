import type { Severity } from './sla.js';
import { containsPhrase, foldText } from './text.js';

/** Kinds of urgent change from the evidence (seed 000): the moments where response time decides progression. */
export const URGENT_CHANGE_KINDS = [
  'illness',
  'courseInterrupted',
  'internshipAtRisk',
  'internshipFound',
  'housing',
  'money',
  'family',
  'other',
] as const;
export type UrgentChangeKind = (typeof URGENT_CHANGE_KINDS)[number];

/** Default severities; coordinators can change them in the organisation settings. */
export const DEFAULT_CHANGE_SEVERITY: Record<UrgentChangeKind, Severity> = {
  illness: 'URGENT',
  courseInterrupted: 'URGENT',
  internshipAtRisk: 'URGENT',
  internshipFound: 'URGENT',
  housing: 'URGENT',
  money: 'NORMAL',
  family: 'NORMAL',
  other: 'NORMAL',
};

// Free text that opens the urgent-change flow at any prompt, with the kind it most likely is.
const triggers: Array<[UrgentChangeKind, string[]]> = [
  ['internshipFound', ['fundet en praktik', 'fået en praktik', 'faaet en praktik', 'fået praktik', 'found an internship', 'got an internship', 'got a placement']],
  ['internshipAtRisk', ['overvejer at stoppe i praktikken', 'vil stoppe i praktikken', 'kan ikke klare praktikken', 'thinking of quitting my internship', 'want to quit my internship']],
  ['courseInterrupted', ['stoppet i praktikken', 'stoppet i min praktik', 'stoppet på kurset', 'stoppet på uddannelsen', 'droppet ud', 'smidt ud af', 'left my internship', 'quit my internship', 'stopped my course', 'dropped out']],
  ['illness', ['er blevet syg', 'blevet syg', 'er syg', 'jeg er syg', 'sygemeldt', 'indlagt', 'på hospitalet', 'paa hospitalet', 'got sick', 'i am sick', 'i m sick', 'im sick', 'in hospital', 'in the hospital']],
  ['housing', ['sat ud', 'udsat af min bolig', 'mister min bolig', 'mistet min bolig', 'hjemløs', 'evicted', 'homeless', 'losing my home']],
  ['money', ['har ingen penge', 'ingen penge', 'inkasso', 'fogeden', 'no money', 'debt collector']],
];

/** The urgent change a free-text message announces, if any ("jeg er blevet syg" → illness). */
export function recognizeUrgentChange(text: string): UrgentChangeKind | undefined {
  const folded = foldText(text);
  if (!folded || folded.length > 300) return undefined;
  return triggers.find(([, phrases]) => phrases.some((phrase) => containsPhrase(folded, phrase)))?.[0];
}
