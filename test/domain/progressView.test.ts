import { describe, expect, it } from 'vitest';
import type { FactorScores } from '../../domain/progress.js';
import { changeWords, progressView, weekWords } from '../../domain/progressView.js';
import { consoleTranslator } from '../../locales/i18n.js';

const now = new Date('2026-11-24T09:00:00Z');
const zone = 'Europe/Copenhagen';
const t = consoleTranslator('da');
const context = { now, timeZone: zone, locale: 'da' as const, t };
const scores = (a: number | null, b: number | null, c: number | null, d: number | null, e: number | null): FactorScores => ({ A: a, B: b, C: c, D: d, E: e });

describe('weeks in words', () => {
  it.each([
    ['2026-W48', 'uge 48'],
    ['2026-W01', 'uge 1'],
    ['2025-W52', 'uge 52, 2025'],
  ])('when the week is %s, then it reads %j', (isoWeek, words) => {
    expect(weekWords(isoWeek, now, zone, t)).toBe(words);
  });

  it('when read in English, then it is "week 48"', () => {
    expect(weekWords('2026-W48', now, zone, consoleTranslator('en'))).toBe('week 48');
  });
});

describe('a change in words', () => {
  it.each([
    [75, 50, '+25'],
    [50, 75, '−25'],
    [62.5, 50, '+12,5'],
    [50, 50, 'uændret'],
    [null, 50, '–'],
    [50, null, '–'],
    [50, undefined, '–'],
  ] as const)('when %s after %s, then %j', (latest, previous, words) => {
    expect(changeWords(latest, previous, 'da', t)).toBe(words);
  });
});

describe('the progress view', () => {
  it('when there are no check-ins, no rating and no hours, then it says so through empty parts', () => {
    const view = progressView({ history: [], assessment: null, hours: [] }, context);
    expect(view).toMatchObject({ hasCheckIns: false, latestDate: null, previousDate: null, assessment: null, hours: [], trend: { rows: [] } });
    expect(view.factors.map((row) => [row.latest, row.change])).toEqual(Array(5).fill(['–', '–']));
  });

  it('when two check-ins (one with a skipped factor), F and hours are known, then every number is in words beside its label', () => {
    const view = progressView(
      {
        history: [
          { at: new Date('2026-10-06T10:00:00Z'), scores: scores(50, 50, 75, 25, 100) },
          { at: new Date('2026-11-17T10:00:00Z'), scores: scores(75, null, 75, 0, 87.5) },
        ],
        assessment: { score: 3, note: 'God energi', at: new Date('2026-11-18T10:00:00Z'), by: 'Mette Holm' },
        hours: [
          { isoWeek: '2026-W47', hours: 7.5 },
          { isoWeek: '2026-W48', hours: 12 },
        ],
      },
      context,
    );
    expect(view.latestDate).toBe('17. nov. 2026');
    expect(view.previousDate).toBe('6. okt. 2026');
    expect(view.factors.map((row) => [row.factor, row.latest, row.previous, row.change])).toEqual([
      ['A', '75', '50', '+25'],
      ['B', '–', '50', '–'],
      ['C', '75', '75', 'uændret'],
      ['D', '0', '25', '−25'],
      ['E', '87,5', '100', '−12,5'],
    ]);
    expect(view.factors[0]?.label).toBe(t('translation:progress.factor.A'));
    expect(view.assessment).toEqual({ scoreWords: '3 af 5', note: 'God energi', byWords: 'Mette Holm, 18. nov. 2026' });
    expect(view.trend.rows).toEqual([
      { date: '6. okt. 2026', values: ['50', '50', '75', '25', '100'] },
      { date: '17. nov. 2026', values: ['75', '–', '75', '0', '87,5'] },
    ]);
    expect(view.hours).toEqual([
      { week: 'uge 47', hours: '7,5' },
      { week: 'uge 48', hours: '12' },
    ]);
  });
});
