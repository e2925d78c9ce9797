import { DateTime, Duration } from 'luxon';
import type { IsoDate } from './dates.js';

export type Severity = 'CRISIS' | 'URGENT' | 'NORMAL';

/** When staff work: ISO weekdays (Mon 1 … Sun 7), opening and closing "HH:MM", in a time zone. */
export interface BusinessHours {
  days: number[];
  open: string;
  close: string;
  timeZone: string;
}

/** How a response deadline is counted for one severity. */
export type SlaRule =
  | { clock: 'wall'; duration: string }
  | { clock: 'business'; duration: string }
  | { clock: 'endOfNextBusinessDay' };

export type SlaPolicy = Record<Severity, SlaRule>;

/** The evidence's norms: crisis within 15 minutes, urgent within 4 working hours, normal "at the latest tomorrow". */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  CRISIS: { clock: 'wall', duration: 'PT15M' },
  URGENT: { clock: 'business', duration: 'PT4H' },
  NORMAL: { clock: 'endOfNextBusinessDay' },
};

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: [1, 2, 3, 4, 5],
  open: '08:00',
  close: '16:00',
  timeZone: 'Europe/Copenhagen',
};

/** A positive ISO 8601 duration in milliseconds ("PT15M", "PT4H", "P1D"); throws on anything else. */
export function durationMs(iso: string): number {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid || duration.toMillis() <= 0) throw new RangeError(`Not a positive ISO 8601 duration: ${iso}`);
  return duration.toMillis();
}

function at(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function isBusinessDay(day: DateTime, hours: BusinessHours, isHoliday: (date: IsoDate) => boolean): boolean {
  return hours.days.includes(day.weekday) && !isHoliday(day.toISODate() as IsoDate);
}

/** Adds working time, skipping nights, weekends and holidays; wall-clock hours of the zone, so DST is honoured. */
export function addBusinessTime(
  from: Date,
  ms: number,
  hours: BusinessHours,
  isHoliday: (date: IsoDate) => boolean,
): Date {
  let cursor: DateTime = DateTime.fromJSDate(from, { zone: hours.timeZone });
  let remaining = ms;
  // Bounded: a year of days is far more than any configured SLA needs.
  for (let day = 0; day < 400; day += 1) {
    if (isBusinessDay(cursor, hours, isHoliday)) {
      const open = at(cursor, hours.open);
      const close = at(cursor, hours.close);
      if (cursor < open) cursor = open;
      if (cursor < close) {
        const available = close.toMillis() - cursor.toMillis();
        if (remaining <= available) return cursor.plus({ milliseconds: remaining }).toJSDate();
        remaining -= available;
      }
    }
    cursor = cursor.startOf('day').plus({ days: 1 });
  }
  throw new RangeError('No business hours within a year: check the business-hours settings');
}

/** Closing time of the first business day after the day of `from`. */
export function endOfNextBusinessDay(from: Date, hours: BusinessHours, isHoliday: (date: IsoDate) => boolean): Date {
  let day: DateTime = DateTime.fromJSDate(from, { zone: hours.timeZone }).startOf('day');
  for (let i = 0; i < 400; i += 1) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day, hours, isHoliday)) return at(day, hours.close).toJSDate();
  }
  throw new RangeError('No business day within a year: check the business-hours settings');
}

/** When a response is due for an alert of this severity raised at `from`. */
export function responseDueAt(
  severity: Severity,
  from: Date,
  policy: SlaPolicy,
  hours: BusinessHours,
  isHoliday: (date: IsoDate) => boolean,
): Date {
  const rule = policy[severity];
  switch (rule.clock) {
    case 'wall':
      return new Date(from.getTime() + durationMs(rule.duration));
    case 'business':
      return addBusinessTime(from, durationMs(rule.duration), hours, isHoliday);
    case 'endOfNextBusinessDay':
      return endOfNextBusinessDay(from, hours, isHoliday);
  }
}
