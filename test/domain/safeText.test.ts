import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, safeJson, safeText, TooDeepError, truncateGraphemes } from '../../domain/safeText.js';

const FAMILY = '👨‍👩‍👧‍👦'; // four people joined by ZWJ: 11 UTF-16 units, one grapheme
const FLAG = '🇩🇰';
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const graphemesOf = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((part) => part.segment);

describe('safeText', () => {
  it.each([
    ['NUL removed', 'syg\u0000 fra i dag', 'syg fra i dag'],
    ['other C0 controls removed, tab and line breaks kept', 'a\u0001b\u001Fc\td\ne\r\nf', 'abc\td\ne\r\nf'],
    ['DEL and C1 controls removed', 'a\u007Fb\u0085c\u009Fd', 'abcd'],
    ['lone high surrogate in the middle replaced', 'jeg er \uD83D syg', 'jeg er \uFFFD syg'],
    ['lone high surrogate at the end replaced (an emoji cut in half)', 'syg \uD83D', 'syg \uFFFD'],
    ['lone low surrogate replaced', '\uDE00 hej', '\uFFFD hej'],
    ['two high surrogates: both replaced', '\uD83D\uD83D', '\uFFFD\uFFFD'],
    ['a whole emoji, a flag and a ZWJ family kept', `glad 😀 ${FLAG} ${FAMILY}`, `glad 😀 ${FLAG} ${FAMILY}`],
    ['decomposed letters composed (NFC)', 'Søren e\u0301 A\u030A', 'Søren é Å'],
    ['right-to-left marks kept', 'مرحبا\u200F abc \u200E\u061C', 'مرحبا\u200F abc \u200E\u061C'],
    ['bidi overrides and isolates removed', 'fil\u202Egpj.exe \u2066x\u2069 \u202Ay\u202C', 'filgpj.exe x y'],
    ['plain Danish unchanged', 'Æblegrød på fredag', 'Æblegrød på fredag'],
  ])('when the text has %s, then it is made safe', (_case, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('when any string at all is made safe, then it holds no NUL, control or lone surrogate, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const safe = safeText(input);
        expect(safe).not.toMatch(LONE);
        expect(safe).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
        expect(safeText(safe)).toBe(safe);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('truncateGraphemes', () => {
  it.each([
    ['short text', 'hej', 10, 'hej'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['one over', 'abcdef', 5, 'abcd…'],
    ['a cut inside a surrogate pair', 'abc😀def', 5, 'abc…'],
    ['a cut inside a flag', `ab${FLAG}cd`, 5, 'ab…'],
    ['trailing space before the cut', 'ord ord ord', 5, 'ord…'],
  ])('when cutting %s, then whole graphemes are kept and "…" says where', (_case, input, max, expected) => {
    expect(truncateGraphemes(input, max)).toBe(expected);
  });

  it('when a ZWJ family emoji sits at every possible cut, then it is kept whole or dropped whole, never split', () => {
    for (let before = 0; before <= 12; before += 1) {
      const text = `${'a'.repeat(before)}${FAMILY}${FAMILY} slut`;
      for (let max = 1; max <= text.length; max += 1) {
        const cut = truncateGraphemes(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE);
        if (cut === text) continue;
        expect(cut.endsWith(ELLIPSIS)).toBe(true);
        const kept = cut.slice(0, -ELLIPSIS.length);
        expect(text.startsWith(kept)).toBe(true);
        // Every grapheme kept is one of the original's, so nothing was split.
        const original = graphemesOf(text);
        expect(graphemesOf(kept).every((grapheme, i) => grapheme === original[i])).toBe(true);
      }
    }
  });
});

describe('safeJson', () => {
  it('when a body carries unsafe strings in values and keys at any depth, then all are made safe and the rest is kept', () => {
    const body = { text: 'a\u0000b', 'k\u0000ey': [1, true, null, { deep: '\uD83D' }], n: 2.5 };
    expect(safeJson(body)).toEqual({ text: 'ab', key: [1, true, null, { deep: '\uFFFD' }], n: 2.5 });
  });

  it('when the body is not parsed JSON (a raw Buffer), then it is passed on untouched', () => {
    const raw = Buffer.from('a=%00');
    expect(safeJson(raw)).toBe(raw);
  });

  it('when a body nests 400 deep, then it is refused as too deep', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 400; i += 1) deep = { a: deep };
    expect(() => safeJson(deep)).toThrow(TooDeepError);
  });
});
