import { type CrisisAssessment, type CrisisTier, TIER_WEIGHT } from './detector.js';

/**
 * Risk across turns: "jeg orker ikke mere" and, two messages later, "ingen ville savne mig"
 * add up. Each message leaves its weight (clear 2, possible 1, a weak signal ½); older
 * weights fade by DECAY per message and are forgotten after MAX_TURNS messages or a day.
 */
export interface CrisisMemory {
  /** Messages counted in this conversation so far. */
  turn: number;
  signals: Array<{ turn: number; weight: number; at: string }>;
}

export const DECAY = 0.8;
const MAX_TURNS = 6;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Two possible-risk messages within three turns (1 + 0.8² = 1.64) reach a clear risk; three weak ones a possible one. */
const CLEAR_AT = 1.5;
const POSSIBLE_AT = 1;

export const EMPTY_MEMORY: CrisisMemory = { turn: 0, signals: [] };

/** Adds one message's assessment; returns the new memory and the tier the conversation as a whole has reached. */
export function accumulate(memory: CrisisMemory, assessment: Pick<CrisisAssessment, 'tier' | 'weight'>, now: Date): { memory: CrisisMemory; tier: CrisisTier; total: number } {
  const turn = memory.turn + 1;
  const recent = memory.signals.filter((signal) => turn - signal.turn < MAX_TURNS && now.getTime() - Date.parse(signal.at) < MAX_AGE_MS);
  const signals = assessment.weight > 0 ? [...recent, { turn, weight: assessment.weight, at: now.toISOString() }] : recent;
  const total = signals.reduce((sum, signal) => sum + signal.weight * DECAY ** (turn - signal.turn), 0);
  // Only a message that itself carries a signal can raise the tier: an ordinary reply after a crisis is just a reply.
  const accumulated: CrisisTier = assessment.weight === 0 ? 'none' : total >= CLEAR_AT ? 'clear' : total >= POSSIBLE_AT ? 'possible' : 'none';
  const tier = TIER_WEIGHT[accumulated] > TIER_WEIGHT[assessment.tier] ? accumulated : assessment.tier;
  return { memory: { turn, signals }, tier, total };
}
