/**
 * Text made safe to store and show. PostgreSQL refuses NUL and unpaired UTF-16
 * surrogates in text and jsonb, so one such character used to fail a whole turn
 * and lose a citizen's report; bidirectional overrides can make a message read
 * differently on the caseworker's screen than it was written.
 */

/** Unpaired surrogates: a high one not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0 controls except tab, line feed and carriage return; DEL and the C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/**
 * Bidirectional embeddings, overrides and isolates (LRE…RLO, LRI…PDI). The plain
 * marks (LRM U+200E, RLM U+200F, ALM U+061C) stay: right-to-left writers need them
 * and they cannot reorder text.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

export const REPLACEMENT_CHARACTER = '\uFFFD';
export const ELLIPSIS = '…';

/** NUL and other control characters removed, lone surrogates replaced by U+FFFD, bidi overrides removed, NFC. */
export function safeText(text: string): string {
  return text.replace(LONE_SURROGATE, REPLACEMENT_CHARACTER).replace(CONTROL, '').replace(BIDI_CONTROL, '').normalize('NFC');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `maxUnits` UTF-16 code units (what the database and the old `slice` counted),
 * cut only between graphemes, so an emoji, a flag or a family (ZWJ sequence) is
 * never split; when it cuts, the text ends with "…" (counted in the limit).
 */
export function truncateGraphemes(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  const room = maxUnits - ELLIPSIS.length;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Raised when a JSON body nests deeper than any real request does. */
export class TooDeepError extends Error {}

/**
 * Every string (keys too) in a parsed JSON value through `safeText`. Nesting
 * deeper than `maxDepth` throws TooDeepError: no real activity or API body comes
 * close, and walking it would only cost time.
 */
export function safeJson(value: unknown, maxDepth = 64): unknown {
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return safeText(node);
    if (node === null || typeof node !== 'object') return node;
    if (depth >= maxDepth) throw new TooDeepError(`nested deeper than ${maxDepth}`);
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    // Only what JSON.parse makes: a raw body (a Buffer) or any other object is left as it is.
    const prototype: unknown = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [safeText(key), walk(item, depth + 1)]));
  };
  return walk(value, 0);
}
