/**
 * Folds what a person typed for matching: lower case, no accents, Danish
 * letters spelled out (æ→ae, ø→oe, å→aa) so "hjaelp", "hjælp" and "HJÆLP" meet,
 * punctuation to spaces, runs of space collapsed.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Phrases come from code, a few hundred of them: each is folded once. The bound holds if one ever does not. */
const foldedPhrases = new Map<string, string>();
const MAX_FOLDED_PHRASES = 5_000;

/** True when `phrase` (folded) occurs in `text` (folded) as whole words. */
export function containsPhrase(foldedText: string, phrase: string): boolean {
  let folded = foldedPhrases.get(phrase);
  if (folded === undefined) {
    folded = foldText(phrase);
    if (foldedPhrases.size < MAX_FOLDED_PHRASES) foldedPhrases.set(phrase, folded);
  }
  return folded.length > 0 && ` ${foldedText} `.includes(` ${folded} `);
}
