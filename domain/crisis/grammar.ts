import { type Lemma, lookUp } from './wordForms.js';

/**
 * A tiny pattern language over a message's tokens, so that the concept rules read like what they mean.
 * A pattern is slots separated by spaces; between two slots up to `gap` other words may stand.
 * A slot is alternatives separated by "|": `@lemma` (any form of a key word, see wordForms.ts),
 * a literal folded word (`vaek`, `for`), `...` (only for reading: gaps are always allowed), `#` (a number of eight or more), `^` (start) or `$` (end of message).
 */
export interface Token {
  word: string;
  lemmas: ReadonlySet<Lemma>;
}

type Atom = { kind: 'lemma'; lemma: Lemma } | { kind: 'word'; word: string } | { kind: 'many' } | { kind: 'start' } | { kind: 'end' };
interface Slot {
  atoms: Atom[];
  /** The atoms sorted for a fast test: literal words, lemmas, and the special ones. */
  words: ReadonlySet<string>;
  lemmas: readonly Lemma[];
  many: boolean;
  start: boolean;
  end: boolean;
  /** Start and end take no word. */
  wide: boolean;
  /** `word?`: the slot may be absent. */
  optional: boolean;
  /** `!word`: in an idiom, the slot whose word is blanked (all of the idiom's words when none is marked). */
  marked: boolean;
}

/** A compiled pattern: its slots and the largest gap between them. */
export interface Pattern {
  slots: Slot[];
  gap: number;
  /** For each slot that must match a word: the keys (`word`, `@lemma`) that could; a quick test before the search. */
  required: ReadonlySet<string>[];
}

const NUMBER_WORDS = new Set([
  'ti', 'ten', 'tolv', 'twelve', 'femten', 'fifteen', 'tyve', 'twenty', 'tredive', 'thirty', 'fyrre', 'forty', 'halvtreds', 'fifty',
  'hundrede', 'hundred', 'dusin', 'dozen',
]);

/** Every literal word of the grammar: a real word, never "corrected" into a key word ("stikke" is not "strikke"). */
const LITERALS = new Set<string>();

/** Words that may trail a sentence without changing it. */
const FILLERS = new Set(['nu', 'altsaa', 'bare', 'lige', 'jo', 'vel', 'sgu', 'igen', 'ok', 'okay', 'haha', 'lol', 'now', 'again', 'really', 'seriously', 'anymore', 'mere', 'tbh', 'idk', 'please', 'plz', 'hjaelp', 'help']);

function atom(text: string): Atom {
  if (text.startsWith('@')) return { kind: 'lemma', lemma: text.slice(1) };
  if (text === '#') return { kind: 'many' };
  if (text === '^') return { kind: 'start' };
  if (text === '$') return { kind: 'end' };
  LITERALS.add(text);
  return { kind: 'word', word: text };
}

/** Compiles "slot slot slot" with the given gap. */
export function pattern(source: string, gap = 3): Pattern {
  const slots = source
    .trim()
    .split(/\s+/)
    .filter((slot) => slot !== '...')
    .map((text) => {
      const optional = text.endsWith('?');
      const marked = text.startsWith('!');
      const body = text.slice(marked ? 1 : 0, optional ? -1 : undefined);
      const atoms = body.split('|').map(atom);
      const has = (kind: Atom['kind']) => atoms.some((a) => a.kind === kind);
      return {
        atoms,
        words: new Set(atoms.flatMap((a) => (a.kind === 'word' ? [a.word] : []))),
        lemmas: atoms.flatMap((a) => (a.kind === 'lemma' ? [a.lemma] : [])),
        many: has('many'),
        start: has('start'),
        end: has('end'),
        wide: !has('start') && !has('end'),
        optional,
        marked,
      };
    });
  const required = slots
    .filter((slot) => !slot.optional && slot.atoms.every((a) => a.kind === 'word' || a.kind === 'lemma'))
    .map((slot) => new Set(slot.atoms.map((a) => (a.kind === 'word' ? a.word : a.kind === 'lemma' ? `@${a.lemma}` : ''))));
  return { slots, gap, required };
}

/** Tokens with their lemmas, a one-letter typo of a key word spelled right ("myslef" → "myself"). */
export function tokenize(words: readonly string[]): Token[] {
  return words.map((word) => lookUp(word, !LITERALS.has(word)));
}

function isMany(word: string): boolean {
  return NUMBER_WORDS.has(word) || (/^\d+$/.test(word) && Number(word) >= 8);
}

/** The end, or only a filler or two before it ("jeg kan ikke mere nu", "I can't anymore lol"). */
function atEnd(tokens: readonly Token[], at: number): boolean {
  if (tokens.length - at > 2) return false;
  for (let i = at; i < tokens.length; i += 1) if (!FILLERS.has(tokens[i]?.word ?? '')) return false;
  return true;
}

function slotMatches(slot: Slot, tokens: readonly Token[], at: number): boolean {
  if (slot.start && at === 0) return true;
  if (slot.end && atEnd(tokens, at)) return true;
  const token = tokens[at];
  if (!token) return false;
  if (slot.words.has(token.word)) return true;
  for (const lemma of slot.lemmas) if (token.lemmas.has(lemma)) return true;
  return slot.many && isMany(token.word);
}

/** A matched word and whether its slot was marked. */
export interface Matched {
  at: number;
  marked: boolean;
}

/** Depth-first search; `found` is one stack, pushed and popped, copied only on success (this runs on every message). */
function matchFrom(p: Pattern, tokens: readonly Token[], slotIndex: number, from: number, to: number, found: Matched[]): boolean {
  const slot = p.slots[slotIndex];
  if (!slot) return true;
  // The end of the message must follow at once ("jeg kan ikke mere" but not "… mere end 10 timer").
  const last = Math.min(slot.end ? from : to, tokens.length);
  for (let at = from; at <= last; at += 1) {
    if (!slotMatches(slot, tokens, at)) continue;
    const next = slot.wide ? at + 1 : at;
    if (slot.wide) found.push({ at, marked: slot.marked });
    if (matchFrom(p, tokens, slotIndex + 1, next, next + p.gap, found)) return true;
    if (slot.wide) found.pop();
  }
  return slot.optional && matchFrom(p, tokens, slotIndex + 1, from, to, found);
}

/** Every word and `@lemma` of a message: computed once by whoever matches many patterns against it. */
export function keysOf(tokens: readonly Token[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const token of tokens) {
    if (token.word) keys.add(token.word);
    for (const lemma of token.lemmas) keys.add(`@${lemma}`);
  }
  return keys;
}

/** Whether the two share a key; the smaller is walked (most messages are a word or two, most slots a dozen keys). */
function shareAKey(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size > b.size) return shareAKey(b, a);
  for (const key of a) if (b.has(key)) return true;
  return false;
}

/**
 * Keys one of which a message must hold for any of these patterns to match (from each pattern, its
 * slot with the fewest keys), or undefined when one of them needs no word. A message of a word or two
 * then skips most rules with one look-up each.
 */
export function keysNeeded(patterns: readonly Pattern[]): ReadonlySet<string> | undefined {
  const needed = new Set<string>();
  for (const { required } of patterns) {
    const fewest = required.reduce<ReadonlySet<string> | undefined>((best, slotKeys) => (best && best.size <= slotKeys.size ? best : slotKeys), undefined);
    if (!fewest) return undefined;
    for (const key of fewest) needed.add(key);
  }
  return needed;
}

/** Whether a message with these keys can match a pattern of a group whose keysNeeded are `needed`. */
export function mayMatch(keys: ReadonlySet<string>, needed: ReadonlySet<string> | undefined): boolean {
  return needed === undefined || shareAKey(keys, needed);
}

/** The words a pattern matched (in order), or undefined; `keys` are the message's (keysOf), when many patterns read one message. */
export function match(p: Pattern, tokens: readonly Token[], keys: ReadonlySet<string> = keysOf(tokens)): Matched[] | undefined {
  for (const slotKeys of p.required) if (!shareAKey(keys, slotKeys)) return undefined;
  const found: Matched[] = [];
  return matchFrom(p, tokens, 0, 0, tokens.length, found) ? found : undefined;
}
