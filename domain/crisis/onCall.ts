import { DateTime } from 'luxon';
import type { IsoDate } from '../dates.js';
import type { BusinessHours } from '../sla.js';

/** Who is on call for crises outside business hours, and when (null = all the time outside business hours). */
export interface OnCallSettings {
  staffIds: string[];
  /** A daily window "HH:MM"–"HH:MM" (may span midnight) within which the on-call staff answer. */
  hours: { from: string; to: string } | null;
}

export const NO_ON_CALL: OnCallSettings = { staffIds: [], hours: null };

function minutesOf(hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
}

/** True inside business hours on a business day that is not a public holiday. */
export function isBusinessTime(at: Date, hours: BusinessHours, isHoliday: (date: IsoDate) => boolean): boolean {
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  if (!hours.days.includes(local.weekday) || isHoliday(local.toISODate() as IsoDate)) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= minutesOf(hours.open) && minute < minutesOf(hours.close);
}

function inWindow(minute: number, window: { from: string; to: string }): boolean {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/**
 * Who else hears of a crisis alert raised at `at`: nobody in business hours (the caseworker
 * is at work); outside them, the on-call staff whose window covers the moment.
 */
export function onCallFor(at: Date, hours: BusinessHours, isHoliday: (date: IsoDate) => boolean, onCall: OnCallSettings): { outOfHours: boolean; staffIds: string[] } {
  if (isBusinessTime(at, hours, isHoliday)) return { outOfHours: false, staffIds: [] };
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  const covered = onCall.hours === null || inWindow(local.hour * 60 + local.minute, onCall.hours);
  return { outOfHours: true, staffIds: covered ? [...new Set(onCall.staffIds)] : [] };
}
