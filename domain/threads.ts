/**
 * A thread: after a caseworker writes to a citizen, the citizen's next messages
 * go to the same alert, as one conversation, until the caseworker closes the
 * alert, the citizen leaves (types "menu"), or it has been quiet for a while.
 */
export type ThreadEventType = 'replied' | 'citizenMessage' | 'thread.left' | 'resolved';

/** The alert events a thread is made of, as stored. */
export const THREAD_EVENT_TYPES: readonly ThreadEventType[] = ['replied', 'citizenMessage', 'thread.left', 'resolved'];

export interface ThreadEvent {
  type: string;
  at: Date;
}

const ENDS = new Set(['thread.left', 'resolved']);

/** When the thread goes quiet, or undefined when it is not open (never opened, closed, left). */
export function threadOpenUntil(events: readonly ThreadEvent[], quietMs: number): Date | undefined {
  const relevant = events.filter((event) => THREAD_EVENT_TYPES.includes(event.type as ThreadEventType)).sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = relevant.at(-1);
  if (!last || ENDS.has(last.type)) return undefined;
  const sinceEnd = relevant.slice(relevant.findLastIndex((event) => ENDS.has(event.type)) + 1);
  if (!sinceEnd.some((event) => event.type === 'replied')) return undefined;
  return new Date(last.at.getTime() + quietMs);
}

/** True when the citizen's next message belongs to this thread. */
export function isThreadOpen(events: readonly ThreadEvent[], now: Date, quietMs: number): boolean {
  const until = threadOpenUntil(events, quietMs);
  return until !== undefined && now < until;
}
