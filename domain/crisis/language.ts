import { normalise } from './normalise.js';

/**
 * A conservative, offline guess at whether a message is in a language the bot does not
 * understand. It answers 'unknown' only when the evidence is plain: mostly non-Latin
 * letters, or several function words of another language and fewer Danish/English ones.
 * Danish and English chat with typos, slang or one foreign word stays 'known'.
 */
export type LanguageGuess = 'known' | 'unknown';

const DANISH_ENGLISH = new Set(
  (
    'jeg du han hun vi de det den er var har ikke og i at på paa til med for af som en et min mit mine din dit kan vil skal ja nej hej tak godt ' +
    'hvad hvor hvordan hvornår hvornaar hvorfor hvem mig dig os jer dem sig selv her der nu så saa bare også ogsaa meget lidt mere ' +
    'i you he she we they it is am are was were have has not no yes and or to of on in at with for my your me us them this that what ' +
    'how when where why who can will would want do does did just so very more hi hello thanks please ok okay help hjaelp'
  ).split(' ').map((word) => normalise(word).join(' ')),
);

const OTHER_LANGUAGES = new Set(
  (
    // German, Polish, Turkish, Somali, Spanish, French, Romanian, Lithuanian, Arabic and Urdu in Latin letters
    'ich nicht mehr und ist das wie nie wiem jest tak się sie mnie nie co ben çok cok değil degil bir ve bu ne nasıl ' +
    'waan aan ma iyo waxaan maxaa yo quiero estoy muy pero je suis pas avec moi et est nu sunt eu vreau foarte aš as nesu labai ' +
    'ana ma3 inta wallah mujhe nahi hai kya mein'
  ).split(' ').map((word) => normalise(word).join(' ')),
);

export function guessLanguage(text: string): LanguageGuess {
  const letters = [...text].filter((char) => /\p{L}/u.test(char));
  if (letters.length < 2) return 'known';
  const latin = letters.filter((char) => /\p{Script=Latin}/u.test(char)).length;
  if (latin / letters.length < 0.4) return 'unknown';
  const words = normalise(text);
  if (words.length < 3) return 'known';
  const ours = words.filter((word) => DANISH_ENGLISH.has(word)).length;
  const theirs = words.filter((word) => OTHER_LANGUAGES.has(word) && !DANISH_ENGLISH.has(word)).length;
  return theirs >= 2 && theirs > ours ? 'unknown' : 'known';
}
