import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import corpus from '../fixtures/crisis-corpus.json' with { type: 'json' };
import devSet from '../fixtures/crisis-dev-set.json' with { type: 'json' };
import probes from '../fixtures/crisis-probes.json' with { type: 'json' };
import { RULES } from '../../domain/crisis/concepts.js';
import { prepare } from '../../domain/crisis/detector.js';
import { keysNeeded, keysOf, match, mayMatch, type Pattern, pattern, tokenize } from '../../domain/crisis/grammar.js';
import { IDIOMS } from '../../domain/crisis/idioms.js';
import { normalise } from '../../domain/crisis/normalise.js';

/** Every sentence of a fixture file: its string leaves, however the file groups them. */
function sentencesOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(sentencesOf);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => (key === 'note' ? [] : sentencesOf(value)));
  return [];
}

const SENTENCES = [...sentencesOf(devSet), ...sentencesOf(corpus), ...sentencesOf(probes)];
const WORDS = [...new Set(SENTENCES.flatMap((sentence) => normalise(sentence)))];

/** The skip may only ever skip groups none of whose patterns match: checked for every rule and the idioms. */
function skipsNoMatch(text: string): boolean {
  const raw = tokenize(normalise(text));
  const masked = prepare(text);
  const idiomsHold = !IDIOMS.some((idiom) => match(idiom, raw)) || mayMatch(keysOf(raw), keysNeeded(IDIOMS));
  return idiomsHold && RULES.every((rule) => !rule.patterns.some((p) => match(p, masked)) || mayMatch(keysOf(masked), keysNeeded(rule.patterns)));
}

describe('the keys a group of patterns needs', () => {
  const needed = (...patterns: Pattern[]) => {
    const keys = keysNeeded(patterns);
    return keys && [...keys].sort();
  };

  it.each([
    ['one pattern: its slot with the fewest keys', [pattern('@want|@intend|lyst ... doe')], ['doe']],
    ['a marked slot counts like any other', [pattern('!@cut ... ned|down')], ['@cut']],
    ['start, end and numbers need no word', [pattern('^ # @pills $')], ['@pills']],
    ['several patterns: the union of each one\'s fewest, the first of equals', [pattern('jeg @kill'), pattern('@die nu|snart')], ['@die', 'jeg']],
    ['an optional slot is never needed', [pattern('mig? selv')], ['selv']],
  ] as const)('when %s, then those keys are needed', (_label, patterns, keys) => {
    expect(needed(...patterns)).toEqual(keys);
  });

  it.each([
    ['a pattern of optional slots only', [pattern('mig? selv?')]],
    ['a pattern of start, end and numbers only', [pattern('^ # $')]],
    ['one such pattern among others', [pattern('@kill mig'), pattern('#')]],
  ] as const)('when %s, then nothing can be skipped', (_label, patterns) => {
    expect(keysNeeded(patterns)).toBeUndefined();
    expect(mayMatch(new Set(), keysNeeded(patterns))).toBe(true);
  });

  it('when any fixture sentence matches a pattern of a rule or an idiom, then the message has a key that group needs', () => {
    expect(SENTENCES.length).toBeGreaterThan(500);
    expect(SENTENCES.filter((sentence) => !skipsNoMatch(sentence))).toEqual([]);
  });

  it('when words of the fixtures are put together at random, then no group whose pattern matches is skipped', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }), (words) => skipsNoMatch(words.join(' '))),
      { numRuns: 2000 },
    );
  });
});
