import { describe, expect, it } from 'vitest';
import { citizenOrder } from '../../domain/barriers.js';
import { contactWindowKey } from '../../domain/contactWindow.js';
import { classifyGoalStatement, freeTextProblem, soundsUnsure } from '../../domain/goalMoments.js';

describe('barriers in the citizen order', () => {
  it('when some are ranked, then ranked come first by rank and the rest keep their chosen order', () => {
    const order = citizenOrder([
      { key: 'money', rank: null, chosenOrder: 0 },
      { key: 'housing', rank: 2, chosenOrder: 1 },
      { key: 'transport', rank: 1, chosenOrder: 2 },
      { key: 'network', rank: null, chosenOrder: 3 },
      { key: 'family', rank: 3, chosenOrder: 4 },
    ]);
    expect(order.map((barrier) => barrier.key)).toEqual(['transport', 'housing', 'family', 'money', 'network']);
  });
});

describe('goal moments', () => {
  it.each([
    ['Jeg vil gerne arbejde i en børnehave', 'goal-new'],
    ['Jeg har fundet en praktik i Netto', 'internship-found'],
    ['I got an internship at the library', 'internship-found'],
    ['Praktik på et lager', 'internship-idea'],
    ['maybe an internship in a shop', 'internship-idea'],
  ])('when a citizen states %j, then it is %s', (text, moment) => {
    expect(classifyGoalStatement(text)).toBe(moment);
  });
});

describe('free text worth saving', () => {
  it.each([
    ['Komme mere ud', undefined],
    ['7', undefined],
    ['', 'empty'],
    ['   ', 'empty'],
    ['🙂🙂', 'empty'],
    ['!!!', 'empty'],
    ['x'.repeat(501), 'tooLong'],
  ])('when a citizen writes %j, then the problem is %s', (text, problem) => {
    expect(freeTextProblem(text)).toBe(problem);
  });
});

describe('contact windows', () => {
  it('when a stored window matches a named one, then it is recognised; otherwise not', () => {
    expect(contactWindowKey({ from: '09:00', to: '12:00' })).toBe('morning');
    expect(contactWindowKey({ from: '07:00', to: '12:00' })).toBeUndefined();
    expect(contactWindowKey(null)).toBeUndefined();
  });
});

describe('unsure answers', () => {
  it.each([
    ['ved det ikke endnu', true],
    ['Det ved jeg ikke', true],
    ['aner det ikke', true],
    ["I don't know", true],
    ['not sure', true],
    ['Arbejde i en butik', false],
    ['Jeg ved ikke om jeg kan arbejde fuld tid, men jeg vil gerne arbejde i en butik', false],
  ])('when a citizen answers %j, then unsure is %s', (text, unsure) => {
    expect(soundsUnsure(text)).toBe(unsure);
  });
});
