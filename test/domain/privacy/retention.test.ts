import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, hasExpired, type RetentionKind, retentionCutoffs } from '../../../domain/privacy/retention.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('retention rules', () => {
  const cases: Array<[RetentionKind, string, boolean]> = [
    ['chat', '2026-05-23T10:59:00Z', true], // six calendar months ago, a minute before the cut (11:00 UTC in summer time)
    ['chat', '2026-05-23T11:01:00Z', false],
    ['alertText', '2025-11-23T10:59:00Z', true], // twelve months after resolution
    ['alertText', '2025-11-24T00:00:00Z', false],
    ['endedCitizen', '2025-11-01T00:00:00Z', true],
    ['endedCitizen', '2026-01-01T00:00:00Z', false],
    ['reminder', '2026-05-01T00:00:00Z', true],
    ['reminder', '2026-06-01T00:00:00Z', false],
    ['accessLog', '2024-11-23T11:59:00Z', true], // 24 months
    ['accessLog', '2024-11-24T00:00:00Z', false],
    ['outbox', '2026-10-24T10:59:00Z', true], // 30 calendar days: 13:00 Copenhagen time, which was still summer time (11:00 UTC)
    ['outbox', '2026-10-24T11:01:00Z', false],
    ['exportLink', '2026-11-22T11:59:00Z', true], // a day
    ['exportLink', '2026-11-22T12:01:00Z', false],
    ['enrollmentAttempt', '2026-11-22T11:59:00Z', true],
    ['enrollmentAttempt', '2026-11-23T11:00:00Z', false],
  ];
  it.each(cases)('when a %s row dates from %s, then expired is %s', (kind, at, expired) => {
    expect(hasExpired(kind, new Date(at), DEFAULT_RETENTION, now)).toBe(expired);
  });

  it('when there is no reference time (an alert not resolved, a course not ended), then nothing expires', () => {
    expect(hasExpired('alertText', null, DEFAULT_RETENTION, now)).toBe(false);
  });

  it('when months are counted from the end of a month, then the cut is the last day of the shorter month, in Copenhagen time', () => {
    // 31 March 12:00 summer time → 28 February 12:00 winter time (11:00 UTC).
    const cut = retentionCutoffs({ ...DEFAULT_RETENTION, chatMonths: 1 }, new Date('2026-03-31T10:00:00Z'));
    expect(cut.chat.toISOString()).toBe('2026-02-28T11:00:00.000Z');
  });

  it('when a coordinator shortens a period, then more has expired', () => {
    expect(hasExpired('chat', new Date('2026-09-01T00:00:00Z'), { ...DEFAULT_RETENTION, chatMonths: 2 }, now)).toBe(true);
    expect(hasExpired('chat', new Date('2026-09-01T00:00:00Z'), DEFAULT_RETENTION, now)).toBe(false);
  });
});
