import { describe, expect, it } from 'vitest';
import { describeDue } from '../../domain/dueWords.js';

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
