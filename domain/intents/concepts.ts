import { normalizedWords, normalizeWord } from './words.js';

/** The ideas a message can carry; a concern is recognised from the combination, not from whole sentences. */
export type Concept =
  | 'illness'
  | 'absence'
  | 'relative'
  | 'bereavement'
  | 'money'
  | 'cantPay'
  | 'homeLoss'
  | 'home'
  | 'internship'
  | 'course'
  | 'found'
  | 'stopped'
  | 'doubt'
  | 'caseworker'
  | 'tellRequest'
  | 'happened';

/**
 * Each concept by its cues: single words (matched after stemming, also as a
 * part of a compound when the cue is long enough) or short phrases (words in
 * order, a little slack between them: "kan desværre ikke komme").
 */
const LEXICON: Record<Concept, readonly string[]> = {
  illness: [
    'syg', 'syge', 'sygdom', 'sygemeldt', 'sygemelding', 'ondt', 'smerter', 'smerte', 'pine', 'feber', 'influenza', 'forkølet', 'covid', 'corona',
    'kvalme', 'migræne', 'hospital', 'hospitalet', 'indlagt', 'skadestue', 'skadestuen', 'brækket', 'opereret', 'operation', 'lægen', 'læge', 'sengen',
    'sick', 'pain', 'fever', 'flu', 'hospital', 'doctor', 'injured', 'surgery', 'migraine', 'back', 'headache', 'covid', 'hospitalised', 'hospitalized',
  ],
  absence: [
    'kan ikke komme', 'komme ikke', 'kan ikke møde', 'kan ikke nå', 'aflyse', 'aflys', 'udeblive', 'blive hjemme', 'bliver hjemme', 'kan ikke deltage',
    'can not come', 'can not make', 'not come', 'cancel', 'stay home', 'miss the', 'will not make', 'be absent',
  ],
  relative: [
    'mor', 'far', 'søn', 'datter', 'barn', 'børn', 'bror', 'søster', 'kone', 'kæreste', 'bedstemor', 'bedstefar', 'farmor', 'farfar', 'mormor', 'morfar',
    'onkel', 'faster', 'moster', 'familie', 'min mand', 'veninde', 'ven',
    'mother', 'father', 'son', 'daughter', 'child', 'children', 'kids', 'brother', 'sister', 'wife', 'husband', 'partner', 'grandmother', 'grandfather',
    'grandma', 'grandpa', 'family', 'friend', 'uncle', 'aunt',
  ],
  bereavement: ['død', 'dødsfald', 'begravelse', 'bisættelse', 'gået bort', 'sov ind', 'dead', 'funeral', 'passed away', 'lost my'],
  money: [
    'penge', 'husleje', 'gæld', 'regning', 'regninger', 'inkasso', 'fogeden', 'foged', 'rykker', 'overtræk', 'lån', 'kontanthjælp', 'ydelse', 'ydelsen',
    'money', 'rent', 'debt', 'bill', 'loan', 'collector', 'broke', 'benefits',
  ],
  cantPay: ['kan ikke betale', 'ikke råd', 'ikke betalt', 'ingen penge', 'mangler penge', 'can not pay', 'can not afford', 'no money', 'not paid', 'behind on'],
  homeLoss: [
    'sat ud', 'smidt ud af min lejlighed', 'udsat', 'hjemløs', 'opsagt', 'opsigelse', 'mister min bolig', 'mistet min bolig', 'mister min lejlighed',
    'ingen steder at bo', 'ikke noget sted', 'sover på gaden', 'sofa', 'evict', 'homeless', 'nowhere to live', 'losing my home', 'lost my flat', 'kicked out',
  ],
  home: ['bolig', 'lejlighed', 'værelse', 'udlejer', 'boligen', 'home', 'flat', 'apartment', 'landlord', 'housing'],
  internship: ['praktik', 'praktikken', 'praktikplads', 'virksomhedspraktik', 'løntilskud', 'arbejdsplads', 'internship', 'placement', 'work placement', 'job'],
  course: ['kursus', 'kurset', 'uddannelse', 'uddannelsen', 'skole', 'skolen', 'forløb', 'forløbet', 'hold', 'course', 'school', 'training', 'class', 'education'],
  found: ['fundet', 'fået', 'starter', 'begynder', 'få', 'tilbudt', 'sagt ja', 'har en idé', 'idé', 'find', 'get', 'start', 'offered', 'idea'],
  stopped: [
    'stoppet', 'stopper', 'stop', 'droppet', 'droppet ud', 'smidt ud', 'fyret', 'afbrudt', 'sagt op', 'holdt op', 'gået ud', 'færdig med',
    'quit', 'fired', 'dropped out', 'drop out', 'left', 'kicked out', 'let go', 'ended',
  ],
  doubt: [
    'overvejer', 'tænker på at', 'vil stoppe', 'kan ikke klare', 'orker ikke', 'svært', 'hård', 'ked af', 'chefen', 'konflikt', 'mobbet',
    'thinking of', 'want to quit', 'can not cope', 'too hard', 'boss', 'struggling', 'considering',
  ],
  caseworker: ['sagsbehandler', 'sagsbehandleren', 'rådgiver', 'jobkonsulent', 'mette', 'caseworker', 'case worker', 'adviser', 'advisor', 'counsellor'],
  tellRequest: [
    'skriv til', 'sig til', 'give besked', 'besked til', 'fortælle', 'fortæl', 'spørg', 'spørge', 'ringe til mig', 'ring til mig', 'ringe mig op', 'tale med',
    'snakke med', 'et møde', 'flytte mødet', 'flytte min samtale', 'tell', 'message', 'ask', 'call me', 'talk to', 'speak to', 'meeting', 'let know',
  ],
  happened: ['noget er sket', 'der er sket', 'noget har ændret', 'something happened', 'something has changed', 'things have changed'],
};

interface Cue {
  words: string[];
}

const CUES: Record<Concept, Cue[]> = Object.fromEntries(
  Object.entries(LEXICON).map(([concept, cues]) => [concept, cues.map((cue) => ({ words: cue.split(' ').flatMap(normalizeWord) }))]),
) as Record<Concept, Cue[]>;

/** Cue words this long also match as a part of a compound ("ryg|smerter", "husleje|restance"). */
const COMPOUND_PART_MIN = 5;

function wordMatches(word: string, cue: string): boolean {
  if (word === cue) return true;
  return cue.length >= COMPOUND_PART_MIN && word.length > cue.length + 1 && (word.startsWith(cue) || word.endsWith(cue));
}

/** True when the cue's words occur in order, each within `slack` words of the previous one. */
function cueOccurs(words: readonly string[], cue: Cue, slack = 2): boolean {
  const [first, ...rest] = cue.words;
  if (first === undefined) return false;
  return words.some((word, start) => {
    if (!wordMatches(word, first)) return false;
    let at = start;
    for (const next of rest) {
      const found = words.slice(at + 1, at + 2 + slack).findIndex((candidate) => candidate === next);
      if (found < 0) return false;
      at += found + 1;
    }
    return true;
  });
}

/** Every concept a message carries. */
export function conceptsIn(text: string): Set<Concept> {
  const words = normalizedWords(text);
  const found = new Set<Concept>();
  for (const [concept, cues] of Object.entries(CUES) as Array<[Concept, Cue[]]>) {
    if (cues.some((cue) => cueOccurs(words, cue))) found.add(concept);
  }
  return found;
}
