import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  cadence,
  morningOf,
  needsOutreach,
  nextAllowedTime,
  nextOccurrence,
  postponedUntil,
  recognizeReminderReply,
  type TimingRules,
} from '../../domain/reminders.js';

const cph = 'Europe/Copenhagen';
const quiet = { from: '20:00', to: '08:00' };
const rules = (contactWindow: TimingRules['contactWindow'] = null, quietHours: TimingRules['quietHours'] = quiet): TimingRules => ({
  timeZone: cph,
  quietHours,
  contactWindow,
});
const at = (iso: string) => new Date(iso);

describe('when a reminder may be sent', () => {
  it.each([
    ['an allowed afternoon time is kept', '2026-11-24T13:00:00Z', rules(), '2026-11-24T13:00:00.000Z'],
    ['21:00 falls in quiet hours spanning midnight → 08:00 next morning', '2026-11-24T20:00:00Z', rules(), '2026-11-25T07:00:00.000Z'],
    ['02:00 after midnight → 08:00 the same morning', '2026-11-25T01:00:00Z', rules(), '2026-11-25T07:00:00.000Z'],
    ['before a 12–16 window → 12:00', '2026-11-24T08:30:00Z', rules({ from: '12:00', to: '16:00' }), '2026-11-24T11:00:00.000Z'],
    ['after a 09–12 window → 09:00 next day', '2026-11-24T13:00:00Z', rules({ from: '09:00', to: '12:00' }), '2026-11-25T08:00:00.000Z'],
    ['a window inside quiet hours is ignored rather than the reminder dropped', '2026-11-24T13:00:00Z', rules({ from: '21:00', to: '23:00' }), '2026-11-24T13:00:00.000Z'],
    ['no quiet hours and no window: any time', '2026-11-24T02:00:00Z', rules(null, null), '2026-11-24T02:00:00.000Z'],
    // Summer time starts Sunday 29 March 2026: 08:00 local is 06:00Z that morning, 07:00Z the day before.
    ['quiet hours over the spring change end at 08:00 CEST', '2026-03-28T21:00:00Z', rules(), '2026-03-29T06:00:00.000Z'],
    // Summer time ends Sunday 25 October 2026: 08:00 local is 07:00Z.
    ['quiet hours over the autumn change end at 08:00 CET', '2026-10-24T20:00:00Z', rules(), '2026-10-25T07:00:00.000Z'],
    // 02:30 is skipped that Sunday (02:00 CET → 03:00 CEST = 01:00Z): quiet hours ending then are over at the jump.
    ['quiet hours ending in the skipped hour end at the jump', '2026-03-28T23:00:00Z', rules(null, { from: '23:00', to: '02:30' }), '2026-03-29T01:00:00.000Z'],
    // 02:00–03:00 happens twice that Sunday in October; at 02:05 the second time (01:05Z), quiet hours until 02:15 end at 02:15 CET.
    ['quiet hours ending in the repeated hour, the second time round', '2026-10-25T01:05:00Z', rules(null, { from: '23:00', to: '02:15' }), '2026-10-25T01:15:00.000Z'],
  ])('when %s', (_case, candidate, timing, expected) => {
    expect(nextAllowedTime(at(candidate), timing).toISOString()).toBe(expected);
  });
});

describe('when a reminder may be sent, against a minute-by-minute oracle', () => {
  // Rules on whole quarter-hours, so that walking quarter-hours from the candidate finds every moment
  // a rule can change. Not between 02:00 and 03:00, the hour the clock changes in: there the change
  // itself can allow a moment, which the rules' own boundaries do not name (the table above has the
  // cases that matter: a boundary in the skipped hour and in the repeated one).
  const quarterHour = fc
    .integer({ min: 0, max: 95 })
    .filter((quarter) => quarter < 8 || quarter >= 12)
    .map((quarter) => `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`);
  const span = fc.option(fc.record({ from: quarterHour, to: quarterHour }).filter((s) => s.from !== s.to), { nil: null });
  const minuteOfDay = (time: Date) => {
    const local = DateTime.fromJSDate(time, { zone: cph });
    return local.hour * 60 + local.minute;
  };
  const inSpan = (s: { from: string; to: string }, minute: number) => {
    const [from, to] = [s.from, s.to].map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
    return from! <= to! ? minute >= from! && minute < to! : minute >= from! || minute < to!;
  };
  const firstAllowed = (candidate: Date, timing: TimingRules, useWindow: boolean): Date | undefined => {
    const allowed = (time: Date) => {
      const minute = minuteOfDay(time);
      return !(timing.quietHours && inSpan(timing.quietHours, minute)) && (!useWindow || !timing.contactWindow || inSpan(timing.contactWindow, minute));
    };
    if (allowed(candidate)) return candidate;
    const quarter = 15 * 60_000;
    for (let tick = Math.ceil(candidate.getTime() / quarter) * quarter; tick < candidate.getTime() + 3 * 86_400_000; tick += quarter) {
      if (allowed(new Date(tick))) return new Date(tick);
    }
    return undefined;
  };

  // Any moment in two years, and often one within two days of a daylight-saving change.
  const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'].map((iso) => at(iso).getTime());
  const anyMoment = fc.oneof(
    fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 })).map(([change, offset]) => new Date(change + offset)),
  );

  it('when rules and the moment vary, then the result is the first allowed moment, the window ignored only when it never opens', () => {
    fc.assert(
      fc.property(span, span, anyMoment, (quietHours, contactWindow, candidate) => {
        const timing = rules(contactWindow, quietHours);
        const expected = firstAllowed(candidate, timing, true) ?? firstAllowed(candidate, timing, false) ?? candidate;
        expect(nextAllowedTime(candidate, timing).toISOString()).toBe(expected.toISOString());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cadence and catch-up', () => {
  it('when a six-week cadence crosses the change to summer time, then the local time of day is kept', () => {
    // 10:00 CET on 2 March → 10:00 CEST on 13 April.
    expect(nextOccurrence(at('2026-03-02T09:00:00Z'), 'P6W', at('2026-03-02T09:00:00Z'), cph).toISOString()).toBe('2026-04-13T08:00:00.000Z');
  });

  it('when the service was down for a week with a daily reminder, then the next is tomorrow: one reminder, not seven', () => {
    const previousDue = at('2026-11-16T09:00:00Z');
    const now = at('2026-11-23T12:00:00Z');
    expect(nextOccurrence(previousDue, 'P1D', now, cph).toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('when the cadence is not an ISO duration, then it is refused', () => {
    expect(cadence('P6W').as('days')).toBe(42);
    expect(() => cadence('six weeks')).toThrow(RangeError);
    expect(() => cadence('PT0S')).toThrow(RangeError);
  });

  it('when a step is due on a date, then its reminder aims at 09:00 local that day', () => {
    expect(morningOf('2026-11-27', cph).toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(morningOf('2026-07-03', cph).toISOString()).toBe('2026-07-03T07:00:00.000Z');
  });
});

describe('replies and silence', () => {
  it.each([
    ['ja', 'now'],
    ['Ja, nu!', 'now'],
    ['yes now', 'now'],
    ['i morgen', 'tomorrow'],
    ['Tomorrow', 'tomorrow'],
    ['om en time', 'later'],
    ['in an hour', 'later'],
    ['ikke nu', 'notNow'],
    ['not now', 'notNow'],
    ['nej', 'notNow'],
  ])('when a citizen answers a reminder with %j, then it means %s', (text, reply) => {
    expect(recognizeReminderReply(text)).toBe(reply);
  });

  it.each(['jeg vil se mine mål', '', '🙂', 'hvad er klokken i morgen aften hos dig'])('when a citizen writes %j, then it is no reminder reply', (text) => {
    expect(recognizeReminderReply(text)).toBeUndefined();
  });

  it('when postponed, then an hour later or the same time tomorrow across a DST change', () => {
    expect(postponedUntil('later', at('2026-11-24T10:00:00Z'), cph).toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(postponedUntil('tomorrow', at('2026-03-28T10:00:00Z'), cph).toISOString()).toBe('2026-03-29T09:00:00.000Z');
  });

  it('when reminders go unanswered, then outreach is needed at the threshold', () => {
    expect(needsOutreach(2, 3)).toBe(false);
    expect(needsOutreach(3, 3)).toBe(true);
  });
});
