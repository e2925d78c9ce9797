import { createRequire } from 'node:module';
import { foldText } from '../text.js';

// @nlpjs/lang-da ships no type declarations; only its Snowball stemmer is used.
const load = createRequire(import.meta.url);
const { StemmerDa } = load('@nlpjs/lang-da') as { StemmerDa: new () => { stem(word: string): string } };
const stemmer = new StemmerDa();

/**
 * Word forms the stemmer does not bring together, and common misspellings,
 * mapped to the form the concept lexicon uses. Keys are lower case as typed.
 */
const IRREGULAR: Record<string, string> = {
  // Irregular verbs and participles
  døde: 'død', døden: 'død', dør: 'død', dø: 'død', died: 'dead', dies: 'dead', passed: 'dead',
  fik: 'fået', fandt: 'fundet', got: 'get', gets: 'get', found: 'find', finds: 'find',
  kan: 'kan', kunne: 'kan', kunn: 'kan', can: 'can', could: 'can', cant: 'can not', cannot: 'can not', couldnt: 'can not', wont: 'will not', dont: 'do not',
  kom: 'komme', kommer: 'komme', kommet: 'komme', came: 'come', coming: 'come', comes: 'come',
  quit: 'quit', quitting: 'quit', stopped: 'stop', stopping: 'stop', stops: 'stop',
  // Misspellings seen in citizens' messages
  ik: 'ikke', ikk: 'ikke', ikek: 'ikke', ikkke: 'ikke', sgy: 'syg', sygg: 'syg', sysg: 'syg', huslej: 'husleje', husleie: 'husleje', huslige: 'husleje',
  penger: 'penge', pengene: 'penge', betal: 'betale', betlae: 'betale', praktig: 'praktik', pratik: 'praktik', praktick: 'praktik',
  hospittal: 'hospital', hospitalt: 'hospital', ondt: 'ondt', ont: 'ondt', kurus: 'kursus', begravelsen: 'begravelse', gæl: 'gæld',
  // English forms
  sick: 'sick', ill: 'sick', unwell: 'sick', hurts: 'pain', hurt: 'pain', aching: 'pain', ache: 'pain', pains: 'pain', painful: 'pain',
  bills: 'bill', debts: 'debt', evicted: 'evict', eviction: 'evict', mum: 'mother', mom: 'mother', dad: 'father',
};

/** A word as the lexicon knows it: irregular form resolved, stemmed (Danish Snowball), folded (æ→ae, no accents). */
export function normalizeWord(word: string): string[] {
  const lower = word.toLowerCase();
  const mapped = IRREGULAR[lower] ?? lower;
  return mapped.split(' ').map((part) => foldText(stemmer.stem(part)));
}

/** The normalised words of a message, in order. */
export function normalizedWords(text: string): string[] {
  return text
    .normalize('NFC')
    // English contractions carry the negation the rules need: "can't" → "can not".
    .replace(/\b(can|won)['’]t\b/gi, (_match, verb: string) => `${verb.toLowerCase() === 'won' ? 'will' : 'can'} not`)
    .replace(/n['’]t\b/gi, ' not')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .flatMap(normalizeWord);
}
