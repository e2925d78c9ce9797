/** What to do with one claimed reminder, decided before anything is sent. */
export type DispatchDecision =
  | { action: 'send' }
  /** The citizen no longer takes reminders (ended, restricted, paused, silenced, no agreement). */
  | { action: 'cancel' }
  /** Caught up in quiet hours or outside the citizen's time of day: it waits, once, for the next allowed minute. */
  | { action: 'defer'; until: Date }
  /** No chat that still reaches the citizen. */
  | { action: 'unreachable' };

export interface DispatchFacts {
  citizenActive: boolean;
  restricted: boolean;
  paused: boolean;
  silenced: boolean;
  consentAccepted: boolean;
  /** Ad-hoc check-ins go when the caseworker chose, whatever the time of day. */
  adHoc: boolean;
  hasReachableChat: boolean;
  now: Date;
  /** The first allowed minute from now on (quiet hours, the citizen's time of day). */
  nextAllowed: Date;
}

/** Grace before a reminder outside the allowed hours is deferred instead of sent. */
const DEFER_AFTER_MS = 60_000;

export function decideDispatch(facts: DispatchFacts): DispatchDecision {
  if (!facts.citizenActive || facts.restricted || facts.paused || facts.silenced || !facts.consentAccepted) return { action: 'cancel' };
  if (!facts.adHoc && facts.nextAllowed.getTime() - facts.now.getTime() > DEFER_AFTER_MS) return { action: 'defer', until: facts.nextAllowed };
  if (!facts.hasReachableChat) return { action: 'unreachable' };
  return { action: 'send' };
}
