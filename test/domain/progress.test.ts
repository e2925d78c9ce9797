import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoWeekOf, parseHours } from '../../domain/hours.js';
import { concerns, factorScores, optionScore, progressFraming, scoreChanges } from '../../domain/progress.js';
import { FACTORS, itemsForCheckIn, QUESTION_BANK, type QuestionBank } from '../../domain/questionBank/index.js';

// A copy of shared/seeds/001_c2e76da309b090f5.txt ("Progression i praksis", STAR 2017): the text the bank was transcribed from.
const seed = readFileSync(new URL('../fixtures/star-2017-progression-i-praksis.txt', import.meta.url), 'utf8');
const seedLines = seed.split('\n').map((line) => line.replace(/<input type="checkbox"\/>\s*/, '').trim());

describe('question bank integrity', () => {
  it('when loaded, then every item has both languages, five options each, a factor A–E and a source, and ids are unique', () => {
    const ids = QUESTION_BANK.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(16);
    for (const item of QUESTION_BANK.items) {
      expect(FACTORS).toContain(item.factor);
      expect(item.options.da).toHaveLength(5);
      expect(item.options.en).toHaveLength(5);
      expect(item.question.en.length).toBeGreaterThan(5);
    }
    expect(new Set(QUESTION_BANK.items.map((item) => item.factor))).toEqual(new Set(FACTORS));
  });

  it('when compared with the source document, then every Danish question, option and source line is verbatim', () => {
    for (const item of QUESTION_BANK.items) {
      expect(seed, item.id).toContain(`${item.question.da} (sæt x)`);
      for (const option of item.options.da) expect(seedLines, `${item.id}: ${option}`).toContain(option);
      expect(seedLines, item.id).toContain(item.source);
    }
  });

  it('when the options are ordered, then the first of each item is the most favourable one in the source order', () => {
    for (const item of QUESTION_BANK.items) {
      const positions = item.options.da.map((option) => seedLines.indexOf(option));
      expect([...positions].sort((a, b) => a - b), item.id).toEqual(positions);
    }
  });

  it('when no items are chosen, then a check-in asks one core item per factor; unknown ids are left out', () => {
    expect(itemsForCheckIn(QUESTION_BANK, undefined).map((item) => item.factor)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(itemsForCheckIn(QUESTION_BANK, ['A4', 'Z9', 'B2']).map((item) => item.id)).toEqual(['A4', 'B2']);
  });
});

describe('scoring', () => {
  it.each([
    [0, 100],
    [1, 75],
    [2, 50],
    [3, 25],
    [4, 0],
  ])('when option %i is chosen, then it scores %i', (index, score) => {
    expect(optionScore(index)).toBe(score);
  });

  it('when a factor has several items, then its score is the mean; skipped items do not count, a factor with none is null', () => {
    const scores = factorScores(
      [
        { itemId: 'A1', optionIndex: 0 },
        { itemId: 'A2', optionIndex: 1 },
        { itemId: 'A3', optionIndex: null },
        { itemId: 'B1', optionIndex: null },
        { itemId: 'C1', optionIndex: 4 },
      ],
      QUESTION_BANK,
    );
    expect(scores).toEqual({ A: 87.5, B: null, C: 0, D: null, E: null });
  });

  it('when the bank version changes an item factor, then recomputing from raw answers follows the new bank', () => {
    const moved: QuestionBank = { ...QUESTION_BANK, items: QUESTION_BANK.items.map((item) => (item.id === 'A1' ? { ...item, factor: 'E' } : item)) };
    const answers = [{ itemId: 'A1', optionIndex: 1 }];
    expect(factorScores(answers, QUESTION_BANK).A).toBe(75);
    expect(factorScores(answers, moved)).toMatchObject({ A: null, E: 75 });
  });

  it('when an answer refers to an item the bank no longer has, then it is ignored rather than miscounted', () => {
    expect(factorScores([{ itemId: 'X1', optionIndex: 0 }], QUESTION_BANK)).toEqual({ A: null, B: null, C: null, D: null, E: null });
  });
});

describe('changes, concerns and framing', () => {
  const before = { A: 75, B: 75, C: 50, D: 50, E: null };
  const after = { A: 100, B: 25, C: 50, D: 25, E: 75 };

  it('when compared with the previous check-in, then changes are per factor, null where either is unknown', () => {
    expect(scoreChanges(after, before)).toEqual({ A: 25, B: -50, C: 0, D: -25, E: null });
    expect(scoreChanges(after, undefined)).toEqual({ A: null, B: null, C: null, D: null, E: null });
  });

  it('when a factor falls 50 points or a health item gets the least favourable answer, then those are concerns; smaller falls are not', () => {
    const found = concerns(after, before, [{ itemId: 'B3', optionIndex: 4 }, { itemId: 'A1', optionIndex: 4 }], QUESTION_BANK);
    expect(found).toEqual([
      { kind: 'drop', factor: 'B', from: 75, to: 25 },
      { kind: 'health', itemId: 'B3' },
    ]);
  });

  it('when progress is framed, then improvements are named, falls become something to talk about, and a large fall is named as large', () => {
    expect(progressFraming(scoreChanges(after, before))).toEqual({ improved: ['A'], talkAbout: ['D'], muchLower: ['B'], first: false });
    expect(progressFraming(scoreChanges(after, undefined)).first).toBe(true);
  });
});

describe('ordinary paid hours', () => {
  it.each([
    ['12', 12],
    ['7,5', 7.5],
    ['7.5 timer', 7.5],
    ['0', 0],
    ['ingen', 0],
    ['fem', 5],
    ['femogtyve', 25],
    ['fem og tyve', 25],
    ['syv en halv', 7.5],
    ['halvanden', 1.5],
    ['twenty five', 25],
    ['ten hours', 10],
  ])('when a citizen writes %j, then it is %d hours', (text, hours) => {
    expect(parseHours(text)).toBe(hours);
  });

  it.each(['', 'mange', '🙂', '-3', '200', 'x'.repeat(100)])('when a citizen writes %j, then it is not a number of hours', (text) => {
    expect(parseHours(text)).toBeUndefined();
  });

  it('when a week is named, then it is the ISO week in Copenhagen, across a year boundary too', () => {
    expect(isoWeekOf(new Date('2026-11-23T10:00:00Z'), 'Europe/Copenhagen')).toBe('2026-W48');
    expect(isoWeekOf(new Date('2027-01-01T10:00:00Z'), 'Europe/Copenhagen')).toBe('2026-W53');
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'), 'Europe/Copenhagen')).toBe('2026-W49');
  });
});
