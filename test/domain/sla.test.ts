import { describe, expect, it } from 'vitest';
import { publicHolidays } from '../../domain/holidays.js';
import {
  addBusinessTime,
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_SLA_POLICY,
  durationMs,
  responseDueAt,
  type Severity,
} from '../../domain/sla.js';

const danish = publicHolidays('DK');
const due = (severity: Severity, from: string) =>
  responseDueAt(severity, new Date(from), DEFAULT_SLA_POLICY, DEFAULT_BUSINESS_HOURS, danish).toISOString();

describe('response deadlines (Copenhagen, Mon–Fri 08:00–16:00)', () => {
  it.each<[Severity, string, string, string]>([
    ['CRISIS', '2026-11-27T14:50:00Z', '2026-11-27T15:05:00.000Z', 'crisis is wall-clock, even late on a Friday'],
    ['CRISIS', '2026-11-28T02:00:00Z', '2026-11-28T02:15:00.000Z', 'crisis at night on a Saturday'],
    ['URGENT', '2026-11-24T08:00:00Z', '2026-11-24T12:00:00.000Z', 'urgent on a Tuesday at 09:00 CET → 13:00 CET'],
    ['URGENT', '2026-11-27T13:00:00Z', '2026-11-30T09:00:00.000Z', 'urgent Friday 14:00 CET → 2 h Friday + 2 h Monday → Monday 10:00 CET'],
    ['URGENT', '2026-11-28T10:00:00Z', '2026-11-30T11:00:00.000Z', 'urgent on a Saturday → Monday 12:00 CET'],
    ['URGENT', '2026-11-24T05:00:00Z', '2026-11-24T11:00:00.000Z', 'urgent before opening counts from 08:00'],
    ['URGENT', '2026-11-24T16:00:00Z', '2026-11-25T11:00:00.000Z', 'urgent after closing counts from the next morning'],
    ['NORMAL', '2026-11-24T09:00:00Z', '2026-11-25T15:00:00.000Z', 'normal on a Tuesday → Wednesday 16:00 CET'],
    ['NORMAL', '2026-11-27T09:00:00Z', '2026-11-30T15:00:00.000Z', 'normal on a Friday → Monday 16:00'],
    // Easter 2027: Maundy Thursday 25 March … Easter Monday 29 March are public holidays.
    ['NORMAL', '2027-03-24T10:00:00Z', '2027-03-30T14:00:00.000Z', 'normal the day before Easter → Tuesday after Easter, 16:00 CEST'],
    ['URGENT', '2027-03-24T13:00:00Z', '2027-03-30T08:00:00.000Z', 'urgent Wednesday 14:00 before Easter → 2 h + 2 h on Tuesday → 10:00 CEST'],
    // Summer time starts Sunday 29 March 2026 at 02:00: 16:00 on Monday is 14:00Z, not 15:00Z.
    ['NORMAL', '2026-03-27T10:00:00Z', '2026-03-30T14:00:00.000Z', 'normal on the Friday before summer time → Monday 16:00 CEST'],
    ['URGENT', '2026-03-27T13:00:00Z', '2026-03-30T08:00:00.000Z', 'urgent Friday 14:00 CET → Monday 10:00 CEST'],
    // Summer time ends Sunday 25 October 2026.
    ['URGENT', '2026-10-23T12:00:00Z', '2026-10-26T09:00:00.000Z', 'urgent Friday 14:00 CEST → Monday 10:00 CET'],
    ['NORMAL', '2026-12-23T10:00:00Z', '2026-12-24T15:00:00.000Z', 'Christmas Eve is a working day in the calendar'],
    ['NORMAL', '2026-12-24T10:00:00Z', '2026-12-28T15:00:00.000Z', 'Christmas Day and Boxing Day are skipped'],
  ])('when %s is raised at %s, then it is due %s (%s)', (severity, from, expected) => {
    expect(due(severity, from)).toBe(expected);
  });

  it('when business hours are changed, then the deadline follows them', () => {
    const hours = { ...DEFAULT_BUSINESS_HOURS, open: '09:00', close: '15:00', days: [1, 2, 3, 4] };
    // Thursday 14:00 CET + 4 h: 1 h Thursday, then Monday 09:00 + 3 h.
    const result = addBusinessTime(new Date('2026-11-26T13:00:00Z'), durationMs('PT4H'), hours, () => false);
    expect(result.toISOString()).toBe('2026-11-30T11:00:00.000Z');
  });

  it('when a duration is not ISO 8601 or not positive, then it is refused', () => {
    expect(durationMs('PT15M')).toBe(900_000);
    expect(() => durationMs('15 minutes')).toThrow(RangeError);
    expect(() => durationMs('PT0S')).toThrow(RangeError);
  });

  it('when no day is a business day, then it says so instead of looping', () => {
    expect(() => addBusinessTime(new Date(), 1000, { ...DEFAULT_BUSINESS_HOURS, days: [] }, () => false)).toThrow(/business-hours settings/);
  });
});
