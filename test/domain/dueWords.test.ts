import { describe, expect, it } from 'vitest';
import { describeDue, describePeriod } from '../../domain/dueWords.js';

const now = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Copenhagen

describe('deadlines in words', () => {
  it.each([
    ['2026-11-24T13:30:00Z', 'da', 'i dag kl. 14:30'],
    ['2026-11-25T15:00:00Z', 'da', 'i morgen kl. 16:00'],
    ['2026-11-30T09:00:00Z', 'da', 'mandag kl. 10:00'],
    ['2026-12-08T15:00:00Z', 'da', '8. december kl. 16:00'],
    ['2026-11-25T15:00:00Z', 'en', 'tomorrow at 16:00'],
    ['2026-11-30T09:00:00Z', 'en', 'Monday at 10:00'],
    ['2026-12-08T15:00:00Z', 'en', '8 December at 16:00'],
  ] as const)('when due at %s in %s, then it reads %j', (due, locale, words) => {
    expect(describeDue(new Date(due), now, 'Europe/Copenhagen', locale)).toBe(words);
  });

  it('when the deadline is just after midnight in Copenhagen but still "today" in UTC, then it is tomorrow', () => {
    expect(describeDue(new Date('2026-11-24T23:30:00Z'), now, 'Europe/Copenhagen', 'da')).toBe('i morgen kl. 00:30');
  });
});

describe('periods in words', () => {
  it.each([
    ['2026-11-22', '2026-11-27', 'da', '22.–27. november'],
    ['2026-11-30', '2026-12-02', 'da', '30. november – 2. december'],
    ['2026-12-30', '2027-01-02', 'da', '30. december 2026 – 2. januar 2027'],
    ['2026-11-22', '2026-11-22', 'da', '22. november'],
    ['2026-11-22', '2026-11-27', 'en', '22–27 November'],
  ] as const)('when a period runs from %s to %s in %s, then it reads %j', (from, to, locale, words) => {
    expect(describePeriod(from, to, locale)).toBe(words);
  });
});
