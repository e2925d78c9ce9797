import { describe, expect, it } from 'vitest';
import { readIntentSet, scoreIntents } from '../../bench/intents.js';
import { recognizeConcern } from '../../domain/intents/concerns.js';
import { conceptsIn } from '../../domain/intents/concepts.js';
import { normalizedWords } from '../../domain/intents/words.js';

describe('understanding what a citizen writes', () => {
  it.each([
    ['jeg har ondt i ryggen og kan ikke komme til mødet i morgen', 'illness'],
    ['jeg kan ikke betale min husleje', 'money'],
    ['min mor er død', 'family'],
    ['min søn er syg', 'family'],
    ['huslejerestancen er for stor', 'money'],
    ['jeg er sgy', 'illness'],
    ["I can't pay my rent", 'money'],
    ['jeg overvejer at stoppe i praktikken', 'internshipAtRisk'],
    ['jeg er stoppet i praktikken', 'courseInterrupted'],
    ['jeg har fundet en praktik', 'internshipFound'],
    ['sig til min sagsbehandler at jeg kommer senere', 'message'],
    ['jeg kan ikke komme i morgen', 'other'],
  ])('when a citizen writes "%s", then it is understood as %s', (text, expected) => {
    expect(recognizeConcern(text)).toBe(expected);
  });

  it.each(['Ja det kan jeg godt', 'Tak, det er fint', 'jeg så min mor i weekenden', 'hej', ''])(
    'when a citizen writes "%s", then nothing is reported',
    (text) => {
      expect(recognizeConcern(text)).toBeUndefined();
    },
  );

  it.each([
    ['døde', 'doed'],
    ['husleie', 'husleje'],
    ["can't", 'can not'],
  ])('when a word is an irregular form or a misspelling ("%s"), then it meets its lexicon form', (word, form) => {
    expect(normalizedWords(word).join(' ')).toBe(normalizedWords(form).join(' '));
  });

  it('when a cue is part of a compound, then the compound carries its concept', () => {
    expect(conceptsIn('rygsmerter')).toContain('illness');
    expect(conceptsIn('morgenmad')).not.toContain('relative');
  });

  it('when the published intent set is scored, then at least 90 % is understood', () => {
    const cases = readIntentSet();
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const score = scoreIntents(cases);
    expect(score.correct / score.total).toBeGreaterThanOrEqual(0.9);
  });
});
