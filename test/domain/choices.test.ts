import { describe, expect, it } from 'vitest';
import { matchChoice, matchChoices } from '../../domain/choices.js';
import { recognizeGlobalCommand, recognizeIntent } from '../../domain/commands.js';
import { foldText } from '../../domain/text.js';

const options = [
  { value: 'goals', labels: ['Mine mål', 'My goals'] },
  { value: 'barriers', labels: ['Det står i vejen', 'What stands in my way'] },
  { value: 'settings', labels: ['Indstillinger og mine data', 'Settings and my data'] },
] as const;

describe('choosing by number or label', () => {
  it.each([
    ['formiddag', 'morning'],
    ['eftermiddagen', 'afternoon'],
    ['svinger', 'varies'],
    ['det svinger', 'varies'],
  ])('when a citizen types a word of one label (%j), then that option is chosen', (text, value) => {
    const windows = [
      { value: 'morning', labels: ['Formiddag (9-12)'] },
      { value: 'afternoon', labels: ['Eftermiddag (12-16)'] },
      { value: 'varies', labels: ['Det svinger meget fra dag til dag'] },
    ];
    expect(matchChoice(text, windows)).toBe(value);
  });

  it.each([
    ['1', 'goals'],
    [' 2 ', 'barriers'],
    ['2.', 'barriers'],
    ['mine mål', 'goals'],
    ['MINE MAAL', 'goals'],
    ['mine mal', undefined],
    ['my goals', 'goals'],
    ['Det står i vejen!', 'barriers'],
    ['settings and my data', 'settings'],
    ['mål', 'goals'],
    ['vejen', 'barriers'],
    ['indstillingerne', 'settings'],
  ])('when a citizen types %j, then %s is chosen', (text, value) => {
    expect(matchChoice(text, [...options])).toBe(value);
  });

  it.each(['', '0', '4', '-1', '999', '🙂', 'x'.repeat(2000), 'mine', 'data mål'])('when a citizen types %j, then nothing is chosen', (text) => {
    expect(matchChoice(text, [...options])).toBeUndefined();
  });

  it.each([
    ['1, 3', ['goals', 'settings']],
    ['1 og 3', ['goals', 'settings']],
    ['3 and 1 and 3', ['settings', 'goals']],
    ['1 2', ['goals', 'barriers']],
    ['mine mål, 2', ['goals', 'barriers']],
    ['2', ['barriers']],
  ])('when a citizen types %j, then %j are chosen in that order', (text, values) => {
    expect(matchChoices(text, [...options])).toEqual(values);
  });

  it.each(['1, 9', 'one, two', '', ',,'])('when any part of %j matches nothing, then nothing is chosen', (text) => {
    expect(matchChoices(text, [...options])).toBeUndefined();
  });
});

describe('global commands', () => {
  it.each([
    ['hjælp', 'help'],
    ['HJAELP', 'help'],
    ['Help!', 'help'],
    ['?', 'help'],
    ['menu', 'menu'],
    ['Menuen', 'menu'],
    ['annuller', 'cancel'],
    ['Annullér', 'cancel'],
    ['afbryd', 'cancel'],
    ['stop', 'cancel'],
    ['Cancel.', 'cancel'],
  ])('when a citizen types %j, then it is the %s command', (text, command) => {
    expect(recognizeGlobalCommand(text)).toBe(command);
  });

  it.each(['jeg vil gerne stoppe med at ryge', 'help me find a job', 'hej', '', '🙂'])(
    'when a citizen types %j, then it is not a command',
    (text) => {
      expect(recognizeGlobalCommand(text)).toBeUndefined();
    },
  );
});

describe('free-text intents', () => {
  it.each([
    ['jeg vil se mine mål', 'goals'],
    ['I want to add a goal', 'goals'],
    ['jeg er blevet syg', 'urgent'],
    ['I am sick', 'urgent'],
    ['det er svært med transport', 'barriers'],
    ['jeg vil skrive til min sagsbehandler', 'message'],
    ['vis mine fremskridt', 'progress'],
    ['skift sprog', 'settings'],
    ['tjek ind', 'checkIn'],
  ])('when a citizen writes %j, then it goes to %s', (text, intent) => {
    expect(recognizeIntent(text)).toBe(intent);
  });

  it.each(['hej', 'asdfgh', '', '🙂'])('when a citizen writes %j, then no intent is found (the menu is shown)', (text) => {
    expect(recognizeIntent(text)).toBeUndefined();
  });
});

describe('folding', () => {
  it('when Danish letters and accents are folded, then spellings meet', () => {
    expect(foldText('Hjælp  Ø Å É!')).toBe('hjaelp oe aa e');
  });
});
