// @nlpjs/lang-da ships no types; only the stemmer is used.
declare module '@nlpjs/lang-da' {
  export class StemmerDa {
    stemWord(word: string): string;
  }
}
