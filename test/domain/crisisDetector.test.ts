import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LabelledSet, labelled } from '../../domain/crisis/corpus.js';
import { detectCrisis } from '../../domain/crisis/detector.js';
import { normalise } from '../../domain/crisis/normalise.js';
import { lookUp, withinOneEdit } from '../../domain/crisis/wordForms.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as LabelledSet;

describe('normalising a chat message', () => {
  it.each([
    ['JEG VIL DØØØ!!!', ['jeg', 'vil', 'doe']],
    ['jeg vil ik lev mer', ['jeg', 'vil', 'ikke', 'lev', 'mere']],
    ["I don't wanna live", ['i', 'do', 'not', 'want', 'to', 'live']],
    ["I'll be gone", ['i', 'will', 'be', 'gone']],
    ['kms 😢', ['kill', 'myself']],
    ['  ', []],
  ])('when someone writes %j, then the detector reads %j', (text, words) => {
    expect(normalise(text)).toEqual(words);
  });
});

describe('word forms', () => {
  it.each([
    ['skar', 'cut'],
    ['skåret', 'cut'],
    ['slog', 'hit'],
    ['slået', 'hit'],
    ['tog', 'take'],
    ['døde', 'die'],
    ['selvmordstankerne', 'suicide'],
    ['sovepillerne', 'pills'],
    ['drbe', 'kill'],
  ])('when the word is %j, then its lemma is %j', (word, lemma) => {
    expect([...lookUp(normalise(word)[0] ?? '').lemmas]).toContain(lemma);
  });

  it.each([
    ['selvmort', 'selvmord', true],
    ['suicde', 'suicide', true],
    ['myslef', 'myself', true],
    ['letter', 'better', true],
    ['strikke', 'stikke', true],
    ['selvmord', 'selvskade', false],
  ])('when %j is compared with %j, then one edit apart is %j', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it('when a long key word has a one-letter typo, then it is read as the key word; the first letter and grammar words are never "corrected"', () => {
    expect(lookUp('myslef').word).toBe('myself');
    expect(lookUp('letter').lemmas.size).toBe(0);
  });
});

describe('tiers and concepts', () => {
  it.each([
    ['jeg har taget 30 panodiler', 'clear', 'method-pills'],
    ['jeg står på taget', 'clear', 'method-height'],
    ['min kæreste slår mig', 'clear', 'violence-against-citizen'],
    ['jeg snitter mig igen', 'clear', 'self-harm'],
    ['jeg har lyst til at slå min nabo ihjel', 'clear', 'harm-to-others'],
    ['jeg håber jeg dør i nat', 'clear', 'wish-to-die'],
    ['I want to die', 'possible', 'wish-to-die'],
    ['ingen ville savne mig', 'possible', 'not-wanting-to-live'],
    ['jeg orker ikke mere', 'possible', 'hopelessness'],
    ['pas godt på min hund når jeg er væk', 'possible', 'farewell'],
    ['jeg tænker tit på selvmord', 'possible', 'suicidal-thoughts'],
  ] as const)('when someone writes %j, then the tier is %s and %s is named', (text, tier, concept) => {
    const assessment = detectCrisis(text);
    expect(assessment.tier).toBe(tier);
    expect(assessment.concepts.map((hit) => hit.concept)).toContain(concept);
  });

  it('when a possible risk comes with a time, then it is clear and the time is named with its words', () => {
    const assessment = detectCrisis('jeg vil bare dø i nat');
    expect(assessment.tier).toBe('clear');
    expect(assessment.concepts).toContainEqual({ concept: 'time-or-means', words: ['nat'] });
  });

  it.each([
    'Jeg har selvmordstanker',
    'JEG VIL SLÅ MIG SELV IHJEL',
    'jeg vil sla mig selv ihjel',
    'tænker på selvmoord',
    'jeg skærer i mig selv',
    'min kæreste slår mig ihjel hvis jeg går',
    'det ville være bedre hvis jeg var død',
    'thinking about suicde',
    'I hurt myself again',
    'i wanna kms',
  ])('when a citizen writes %j, then it is a crisis', (text) => {
    expect(detectCrisis(text).tier).not.toBe('none');
  });

  it.each([
    'jeg er blevet syg',
    'det slår mig at praktikken er god',
    'jeg døde af grin',
    'voldsomt godt vejr',
    'I killed it at the interview',
    'this is killing me slowly, the bus is late',
    'vi slog tiden ihjel',
    'jeg skar mig på en konservesdåse',
    'I cut down on sugar',
    'she beat me at chess',
    'jeg tager mine piller hver morgen',
    'min chef slår mig ihjel hvis jeg kommer for sent',
    '',
    '🙂',
  ])('when a citizen writes %j, then it is not a crisis', (text) => {
    expect(detectCrisis(text).tier).toBe('none');
  });
});

describe('generalisation, measured on whole sets', () => {
  // The development set, the corpus and the unseen probes: recall and false alarms as the issue demands.
  it.each([
    ['crisis-dev-set.json', 0.98, 0.02],
    ['crisis-corpus.json', 0.98, 0.02],
    ['crisis-probes.json', 0.95, 0.05],
  ])('when the detector reads %s, then recall is at least %d and false alarms at most %d', (name, minRecall, maxFalseAlarms) => {
    const examples = labelled(fixture(name));
    const crisis = examples.filter((example) => example.crisis);
    const benign = examples.filter((example) => !example.crisis);
    const found = crisis.filter((example) => detectCrisis(example.text).tier !== 'none').length;
    const falseAlarms = benign.filter((example) => detectCrisis(example.text).tier !== 'none').length;
    expect(found / crisis.length).toBeGreaterThanOrEqual(minRecall);
    expect(falseAlarms / benign.length).toBeLessThanOrEqual(maxFalseAlarms);
  });

  it('when the development set is read per crisis category, then every category is found at least 95 %', () => {
    const set = fixture('crisis-dev-set.json');
    for (const [category, texts] of Object.entries(set.crisis)) {
      const found = texts.filter((text) => detectCrisis(text).tier !== 'none').length;
      expect({ category, share: found / texts.length >= 0.95 }).toEqual({ category, share: true });
    }
  });
});
