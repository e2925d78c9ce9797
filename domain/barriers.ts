/** Derived barriers the evidence says citizens name themselves (seed 000, hypothesis 3). */
export const BARRIER_KEYS = [
  'transport',
  'housing',
  'money',
  'selfBelief',
  'physicalHealth',
  'mentalHealth',
  'routines',
  'family',
  'network',
  'language',
  'substances',
  'other',
] as const;
export type BarrierKey = (typeof BARRIER_KEYS)[number];

/** How many barriers the citizen ranks; the rest stay chosen but unranked. */
export const RANKED_BARRIERS = 3;

export interface ChosenBarrier {
  key: BarrierKey;
  rank: number | null;
  chosenOrder: number;
}

/** The citizen's order: ranked first (1, 2, 3), then the others in the order they were chosen. */
export function citizenOrder<T extends ChosenBarrier>(barriers: T[]): T[] {
  return [...barriers].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.chosenOrder - b.chosenOrder);
}

export function isBarrierKey(value: string): value is BarrierKey {
  return (BARRIER_KEYS as readonly string[]).includes(value);
}
