import { DateTime, Duration } from 'luxon';
import { containsPhrase, foldText } from './text.js';

/** A daily time span "HH:MM"–"HH:MM" in local time; `from` after `to` means it spans midnight (quiet hours 20:00–08:00). */
export interface DailySpan {
  from: string;
  to: string;
}

export interface TimingRules {
  timeZone: string;
  /** When nobody is messaged (organisation setting); null: no quiet hours. */
  quietHours: DailySpan | null;
  /** When the citizen prefers to be contacted; null: any time outside quiet hours. */
  contactWindow: DailySpan | null;
}

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function within(span: DailySpan, minute: number): boolean {
  const from = minutesOf(span.from);
  const to = minutesOf(span.to);
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

function allowedAt(local: DateTime, rules: TimingRules, useWindow: boolean): boolean {
  const minute = local.hour * 60 + local.minute;
  if (rules.quietHours && within(rules.quietHours, minute)) return false;
  return !useWindow || !rules.contactWindow || within(rules.contactWindow, minute);
}

/**
 * The first moment at or after `candidate` when the citizen may be messaged:
 * outside quiet hours and inside their preferred window, in their time zone
 * (wall-clock, so daylight-saving changes are honoured). Never drops a reminder:
 * if the window lies wholly in quiet hours, the window is ignored.
 */
export function nextAllowedTime(candidate: Date, rules: TimingRules): Date {
  const start = DateTime.fromJSDate(candidate, { zone: rules.timeZone });
  for (const useWindow of [true, false]) {
    if (allowedAt(start, rules, useWindow)) return candidate;
    // Becoming allowed can only happen where quiet hours end or the window opens. Whether a time is
    // allowed depends only on its time of day, so a boundary allowed on any later day is allowed
    // tomorrow: today and tomorrow decide, and the earlier day with an allowed boundary holds the
    // earliest. (Each date step costs Intl time-zone work: at a 100,000-reminder pulse a nine-day
    // search was most of the dispatcher's CPU.)
    const boundaries = [rules.quietHours?.to, useWindow ? rules.contactWindow?.from : undefined].filter((b): b is string => b !== undefined);
    const midnight = start.startOf('day');
    for (const date of [midnight, midnight.plus({ days: 1 })]) {
      let best: DateTime | undefined;
      for (const at of boundaries.flatMap((boundary) => onWallClock(date, minutesOf(boundary)))) {
        if (at > start && allowedAt(at, rules, useWindow) && (!best || at < best)) best = at;
      }
      if (best) return best.toJSDate();
    }
  }
  return candidate;
}

/**
 * The moments a time of day happens on a date: usually one. On the spring change a time in the
 * skipped hour does not exist, and the boundary has passed when the clock jumps (02:30 → 03:00,
 * where Luxon would move it a whole hour on); on the autumn change a time in the repeated hour
 * happens twice.
 */
function onWallClock(date: DateTime, minuteOfDay: number): DateTime[] {
  const at = date.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });
  if (at.hour * 60 + at.minute !== minuteOfDay) return [at.startOf('hour')];
  const again = at.plus({ hours: 1 });
  return again.hour === at.hour && again.minute === at.minute ? [at, again] : [at];
}

/** A positive ISO 8601 duration as Luxon understands it ("P6W", "P1W", "P3M"); throws otherwise. */
export function cadence(iso: string): Duration {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid || duration.toMillis() <= 0) throw new RangeError(`Not a positive ISO 8601 duration: ${iso}`);
  return duration;
}

/**
 * The next occurrence of a recurring reminder after it fell due at `previousDue`:
 * previous + cadence in local wall time, and if the service was down past that,
 * the first occurrence still in the future. After a week of downtime a daily
 * reminder is sent once, not seven times.
 */
export function nextOccurrence(previousDue: Date, every: string, now: Date, timeZone: string): Date {
  const step = cadence(every);
  let next = DateTime.fromJSDate(previousDue, { zone: timeZone }).plus(step);
  // Bounded: even a one-minute cadence catches up within a year of steps.
  for (let i = 0; i < 600_000 && next.toMillis() <= now.getTime(); i += 1) next = next.plus(step);
  return next.toJSDate();
}

/** The local time of day reminders aim for on a due date (steps due "on Friday"). */
export const STEP_REMINDER_TIME = '09:00';

/** 09:00 local on a calendar date. */
export function morningOf(date: string, timeZone: string): Date {
  const [hour, minute] = STEP_REMINDER_TIME.split(':').map(Number) as [number, number];
  return DateTime.fromISO(date, { zone: timeZone }).set({ hour, minute }).toJSDate();
}

/** After this many reminders in a row without an answer, the caseworker is asked to reach out instead (seed 003). */
export const DEFAULT_NON_RESPONSE_THRESHOLD = 3;

export function needsOutreach(unansweredInRow: number, threshold: number): boolean {
  return unansweredInRow >= threshold;
}

/** What a citizen can answer to a reminder. */
export type ReminderReply = 'now' | 'tomorrow' | 'later' | 'notNow';

/** Folded once: every citizen message is checked against them. */
const replies: Array<[ReminderReply, string[]]> = (
  [
    ['notNow', ['ikke nu', 'nej tak', 'nej', 'not now', 'no thanks', 'no']],
    ['tomorrow', ['i morgen', 'imorgen', 'tomorrow']],
    ['later', ['om en time', 'om lidt', 'senere', 'later', 'in an hour']],
    ['now', ['ja', 'ja nu', 'ja tak', 'nu', 'ok', 'okay', 'yes', 'yes now', 'now', 'sure']],
  ] satisfies Array<[ReminderReply, string[]]>
).map(([reply, phrases]) => [reply, phrases.map(foldText)]);

/** A reply to a reminder, when the whole message is one ("Ja, nu", "i morgen", "not now"). */
export function recognizeReminderReply(text: string): ReminderReply | undefined {
  const folded = foldText(text);
  if (!folded || folded.split(' ').length > 4) return undefined;
  // A phrase of several words may stand anywhere in the message, as whole words.
  return replies.find(([, phrases]) => phrases.some((phrase) => folded === phrase || (phrase.includes(' ') && containsPhrase(folded, phrase))))?.[0];
}

/** When a postponed reminder comes back: in an hour, or the same time tomorrow (then moved into allowed hours). */
export function postponedUntil(reply: 'tomorrow' | 'later', now: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return (reply === 'later' ? local.plus({ hours: 1 }) : local.plus({ days: 1 })).toJSDate();
}
