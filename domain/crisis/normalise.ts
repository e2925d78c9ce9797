import { foldText } from '../text.js';

/**
 * Turns a chat message into the tokens the crisis detector reads: lower case,
 * Danish letters spelled out (æ→ae, ø→oe, å→aa, so "død", "doed" and "DØD" meet),
 * accents dropped, runs of three or more equal letters squeezed ("neeeej" → "nej"),
 * English contractions opened, common chat spellings written out, emoji and punctuation gone.
 */

/** Chat spellings and contractions → what they stand for (after folding). */
const CHAT_SPELLINGS: Record<string, string> = {
  ik: 'ikke',
  ikk: 'ikke',
  ikek: 'ikke',
  ike: 'ikke',
  bar: 'bare',
  mer: 'mere',
  orka: 'orker',
  sgu: '',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cannot: 'can not',
  couldnt: 'could not',
  wont: 'will not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  isnt: 'is not',
  aint: 'am not',
  im: 'i am',
  ive: 'i have',
  id: 'i would',
  youre: 'you are',
  hes: 'he is',
  shes: 'she is',
  theyre: 'they are',
  theres: 'there is',
  whats: 'what is',
  thats: 'that is',
  wanna: 'want to',
  wana: 'want to',
  gonna: 'going to',
  gona: 'going to',
  gotta: 'got to',
  kinda: 'kind of',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  rn: 'right now',
  kms: 'kill myself',
  kys: 'kys',
  bf: 'boyfriend',
  gf: 'girlfriend',
};

/** "I'll" must not become "ill", nor "I'd" a word of its own: open these before punctuation goes. */
function openContractions(text: string): string {
  return text
    .replace(/\b(i|you|he|she|we|they|it)['’]ll\b/g, '$1 will')
    .replace(/\b(i|you|he|she|we|they)['’]d\b/g, '$1 would')
    .replace(/['’]/g, '');
}

/** Case, Danish letters, accents, squeezed repeats, punctuation: the folded text, words separated by one space. */
export function foldForDetection(text: string): string {
  // Squeezed before folding, so that "døøø" becomes "dø", not "doeoeoe".
  return foldText(openContractions(text.toLowerCase()).replace(/(\p{L})\1{2,}/gu, '$1'));
}

/** The tokens of a message, chat spellings written out. */
export function normalise(text: string): string[] {
  const tokens: string[] = [];
  for (const word of foldForDetection(text).split(' ')) {
    if (!word) continue;
    const spelled = CHAT_SPELLINGS[word];
    if (spelled === undefined) tokens.push(word);
    else if (spelled) tokens.push(...spelled.split(' '));
  }
  return tokens;
}
