import { StemmerDa } from '@nlpjs/lang-da';
import { foldForDetection } from './normalise.js';

/**
 * The key words of the crisis grammar and every form we expect people to type,
 * Danish and English together: one lemma stands for a meaning in both languages
 * ("dø", "døde", "die", "died" → `die`). Strong verbs are listed form by form
 * (skære/skar/skåret, slå/slog/slået, tage/tog/taget) because no stemmer finds them.
 * Forms are written as people write them and folded when the table loads.
 */
const TABLE: Record<string, string[]> = {
  // Death and dying
  die: ['dø', 'dør', 'døde', 'død', 'døden', 'dødt', 'døende', 'doe', 'dod', 'dode', 'doden', 'die', 'dies', 'died', 'dying', 'dead', 'death', 'ded', 'dieing', 'dye', 'dy'],
  suicide: ['selvmord', 'selvmordet', 'selvmordstanker', 'selvmordstanke', 'selvmordstankerne', 'selvmordsforsøg', 'selvmords', 'suicide', 'suicidal', 'suicidel', 'suicidial', 'unalive', 'sucidal'],
  kill: ['dræbe', 'drabe', 'drbe', 'dræbbe', 'draebe', 'dræber', 'dræbte', 'dræbt', 'dræb', 'kill', 'kills', 'killed', 'killing', 'murder', 'myrde', 'myrder', 'stab', 'stabbe', 'shoot', 'skyde', 'skyder'],
  ihjel: ['ihjel'],
  live: ['leve', 'levede', 'levet', 'liv', 'livet', 'live', 'living', 'alive', 'life', 'exist', 'existing', 'eksistere', 'eksisterer', 'lev'],
  wake: ['vågne', 'vågner', 'vaagne', 'wake', 'waking'],
  goOn: ['fortsætte', 'fortsaette', 'continue', 'continuing'],
  disappear: ['forsvinde', 'forsvinder', 'forsvandt', 'forsvundet', 'disappear', 'disappeared', 'vanish'],
  end: ['ende', 'ender', 'endte', 'end', 'ending', 'ended', 'afslutte', 'slutte'],
  stop: ['stoppe', 'stopper', 'stop', 'stopped', 'slut', 'ophøre', 'ophører'],
  forever: ['altid', 'forever', 'permanently', 'evigt', 'evigheden'],
  // Wish, intent, thought
  want: ['vil', 'ville', 'vill', 'lyst', 'lysten', 'ønske', 'ønsker', 'ønskede', 'håbe', 'håber', 'håbede', 'hellere', 'want', 'wants', 'wanted', 'wnat', 'wamt', 'whant', 'wan', 'wish', 'wishing', 'hope', 'hoping', 'rather', 'længes', 'trang'],
  intend: ['skal', 'going', 'will', 'planning', 'planlægger', 'agter', 'prøve', 'try', 'trying', 'prøvet', 'tried'],
  think: ['tænke', 'tænker', 'tænkte', 'tænkt', 'tanker', 'tanke', 'overveje', 'overvejer', 'overvejet', 'think', 'thinking', 'thought', 'thoughts', 'consider', 'considering', 'fantaserer', 'drømmer', 'dreaming'],
  orke: ['orke', 'orker', 'orkede', 'gider', 'magter', 'klarer'],
  tired: ['træt', 'trætte', 'tired', 'sick'],
  meaning: ['mening', 'meningen', 'meningsløst', 'grund', 'grunden', 'point', 'reason', 'purpose', 'nytte'],
  better: ['bedre', 'better'],
  miss: ['savne', 'savner', 'savnede', 'miss', 'missed'],
  burden: ['byrde', 'burden', 'belastning', 'håbløst', 'håbløs', 'hopeless', 'worthless', 'værdiløs', 'pointless'],
  // Means and places
  pills: ['piller', 'pillerne', 'pillen', 'sovepiller', 'sovepille', 'tablet', 'tabletter', 'tabletterne', 'panodil', 'panodiler', 'pamol', 'paracetamol', 'ipren', 'ibuprofen', 'antidepressiva', 'lykkepiller', 'medicin', 'medicinen', 'pills', 'pill', 'tablets', 'meds', 'medication', 'painkillers', 'insulin', 'morfin', 'oxy', 'piler'],
  overdose: ['overdosis', 'overdoser', 'overdosere', 'overdose', 'overdosed', 'overdosing', 'od'],
  take: ['tage', 'tager', 'tog', 'taget', 'take', 'takes', 'took', 'taken', 'taking'],
  swallow: ['sluge', 'sluger', 'slugte', 'slugt', 'swallow', 'swallowed', 'swallowing', 'spist', 'ate', 'drank', 'drukket'],
  rope: ['reb', 'rebet', 'strikke', 'strikken', 'løkke', 'løkken', 'rope', 'noose'],
  hang: ['hænge', 'hænger', 'hængte', 'hængt', 'hang', 'hanging', 'hanged'],
  blade: ['kniv', 'kniven', 'knive', 'barberblad', 'barberblade', 'knife', 'knives', 'blade', 'blades', 'razor', 'glasskår'],
  gun: ['pistol', 'pistolen', 'gevær', 'geværet', 'våben', 'gun', 'guns', 'rifle', 'shotgun', 'weapon', 'haglgevær'],
  bridge: ['bro', 'broen', 'bridge', 'storebæltsbroen', 'langebro', 'knippelsbro', 'øresundsbroen'],
  height: ['altan', 'altanen', 'roof', 'rooftop', 'balcony', 'ledge', 'cliff', 'kanten', 'edge', 'klippen', 'højhus', 'højhuset', 'parkeringshus', 'parkeringshuset', 'tagterrassen', 'tårnet'],
  tracks: ['togsporet', 'sporene', 'jernbanen', 'jernbanesporet', 'skinner', 'skinnerne', 'togskinner', 'togskinnerne', 'tracks', 'railway', 'rails', 'perronkanten'],
  vehicle: ['toget', 'train', 'lastbil', 'lastbilen', 'truck', 'bus', 'bussen', 'traffic', 'trafikken', 'motorvejen', 'highway', 'bilerne', 'cars'],
  water: ['havn', 'havnen', 'havet', 'søen', 'åen', 'vandet', 'water', 'sea', 'river', 'lake', 'harbour', 'harbor', 'fjorden', 'kanalen'],
  jump: ['springe', 'springer', 'sprang', 'sprunget', 'hoppe', 'hopper', 'hoppede', 'jump', 'jumps', 'jumped', 'jumping', 'kaste'],
  drive: ['køre', 'kører', 'kørte', 'kørt', 'drive', 'driving', 'drove', 'crash', 'crashe'],
  purpose: ['vilje', 'purpose', 'deliberately', 'bevidst'],
  // Plan and time
  planned: ['plan', 'planen', 'planlagt', 'planned', 'forberedt', 'prepared'],
  farewellNote: ['afskedsbrev', 'farvelbrev', 'afskedsbrevet', 'farvelbrevet', 'afskedsbeskeden'],
  ready: ['klar', 'ready', 'parat', 'klart'],
  hoard: ['hamstret', 'hamstrer', 'hamstre', 'gemt', 'gemmer', 'samlet', 'samler', 'saved', 'saving', 'stockpiled', 'hoarded', 'hoarding', 'sparet'],
  found: ['fundet', 'found', 'købt', 'bought', 'skaffet', 'got'],
  drown: ['drukne', 'drukner', 'druknede', 'druknet', 'drown', 'drowning', 'drowned'],
  front: ['foran', 'front'],
  tonight: ['aften', 'nat', 'tonight', 'tonite', '2night', 'inat', 'nu', 'now', 'snart', 'soon'],
  // Farewell
  farewell: ['farvel', 'goodbye', 'bye', 'adjø', 'adieu'],
  last: ['sidste', 'last', 'final'],
  // Self-harm
  cut: ['skære', 'skærer', 'skar', 'skåret', 'snitte', 'snitter', 'snittede', 'snittet', 'cutte', 'cutter', 'cuttede', 'cuttet', 'cut', 'cuts', 'cutting', 'slash', 'slashing', 'ridse', 'ridser', 'ridsede'],
  burn: ['brænde', 'brænder', 'brændte', 'brændt', 'burn', 'burns', 'burned', 'burnt', 'burning'],
  scratch: ['kradse', 'kradser', 'kradsede', 'kradset', 'scratch', 'scratching', 'scratched'],
  bleed: ['bløde', 'bløder', 'blødte', 'blod', 'bleed', 'bleeds', 'bleeding', 'blood', 'bloody'],
  selfHarm: ['selvskade', 'selvskader', 'selvskadende', 'selvskadet', 'selfharm', 'selvskadning'],
  body: ['armen', 'arme', 'armene', 'arm', 'arms', 'håndled', 'håndleddet', 'håndleddene', 'wrist', 'wrists', 'lår', 'lårene', 'thighs', 'thigh', 'skin', 'huden', 'hud', 'benene', 'legs', 'hovedet', 'head'],
  // Violence
  hit: ['slå', 'slår', 'slog', 'slået', 'slaa', 'slaar', 'slaaet', 'hit', 'hits', 'hitting', 'beat', 'beats', 'beating', 'beaten', 'punch', 'punches', 'punched', 'punching', 'slap', 'slaps', 'slapped', 'smack', 'smacks'],
  kick: ['sparke', 'sparker', 'sparkede', 'sparket', 'kick', 'kicks', 'kicked', 'kicking'],
  batter: ['tæve', 'tæver', 'tævede', 'tævet', 'tæsk', 'tæske', 'tæsker', 'tæskede', 'tæsket', 'banke', 'banker', 'bankede', 'banket', 'mishandler', 'mishandlet', 'abuse', 'abuses', 'abused', 'abusing', 'voldtage', 'voldtog', 'voldtaget', 'rape', 'raped', 'rapes', 'molests', 'misbruger'],
  choke: ['kvæle', 'kvæler', 'kvalte', 'kvalt', 'choke', 'chokes', 'choked', 'choking', 'strangle', 'strangles', 'strangled', 'strangling'],
  threaten: ['true', 'truer', 'truede', 'truet', 'trussel', 'trusler', 'threaten', 'threatens', 'threatened', 'threatening', 'threat', 'threats'],
  lock: ['låse', 'låser', 'låste', 'låst', 'lock', 'locks', 'locked', 'spærret', 'spærrer'],
  harm: ['skade', 'skader', 'skadede', 'skadet', 'fortræd', 'hurt', 'hurts', 'hurting', 'harm', 'harming', 'harmed', 'injure'],
  violence: ['vold', 'voldelig', 'voldelige', 'violence', 'violent', 'voldtægt'],
  // People
  me: ['mig', 'me'],
  self: ['selv', 'myself', 'self'],
  person: ['han', 'hun', 'de', 'he', 'she', 'they', 'kæreste', 'kæresten', 'mand', 'manden', 'kone', 'konen', 'samlever', 'samleveren', 'far', 'faren', 'mor', 'moren', 'bror', 'broren', 'søster', 'søsteren', 'eks', 'ekskæreste', 'partner', 'partneren', 'stedfar', 'stedfaren', 'husband', 'wife', 'boyfriend', 'girlfriend', 'dad', 'father', 'mom', 'mum', 'mother', 'brother', 'sister', 'ex', 'stepdad', 'uncle', 'onkel', 'nogen', 'someone', 'somebody', 'fyr', 'guy', 'naboen', 'neighbour', 'neighbor', 'roommate', 'bofælle', 'svigerfar', 'sønnen', 'son', 'people', 'folk'],
  other: ['ham', 'hende', 'dem', 'him', 'her', 'them', 'nogen', 'someone', 'somebody', 'nabo', 'naboen', 'neighbour', 'neighbor', 'chef', 'chefen', 'boss', 'sagsbehandler', 'sagsbehandleren', 'folk', 'people', 'everyone', 'everybody', 'person', 'personen', 'ex', 'eks'],
  child: ['barn', 'barnet', 'børn', 'børnene', 'baby', 'babyen', 'kid', 'kids', 'child', 'children', 'søn', 'sønnen', 'datter', 'datteren', 'son', 'daughter', 'ungerne', 'unger'],
  // Function words the grammar needs
  not: ['ikke', 'not', 'no', 'never', 'aldrig', 'ingen', 'intet', 'nothing', 'nobody'],
  i: ['jeg', 'i', 'jg'],
  all: ['alle', 'alt', 'hele', 'all', 'whole', 'entire', 'mange', 'many', 'bunch', 'bottle', 'flaske', 'pakke', 'pakken', 'pakker', 'glas', 'pack', 'box', 'æske', 'handful', 'håndfuld', 'resten', 'everything'],
  anymore: ['mere', 'længere', 'anymore', 'longer'],
  again: ['igen', 'again'],
};

/** Lemmas that may overlap (one surface form, several meanings): a token carries every lemma it has. */
export type Lemma = string;

interface FormIndex {
  exact: Map<string, Set<Lemma>>;
  /** Forms of six letters or more by first letter, for one-letter typo tolerance. */
  long: Map<string, Array<{ form: string; lemmas: Set<Lemma> }>>;
  /** Danish stems of the forms, for inflections not listed. */
  stems: Map<string, Set<Lemma>>;
}

const stemmer = new StemmerDa();

function add(map: Map<string, Set<Lemma>>, key: string, lemma: Lemma): void {
  const set = map.get(key) ?? new Set<Lemma>();
  set.add(lemma);
  map.set(key, set);
}

function buildIndex(): FormIndex {
  const exact = new Map<string, Set<Lemma>>();
  const stems = new Map<string, Set<Lemma>>();
  for (const [lemma, forms] of Object.entries(TABLE)) {
    for (const form of forms) {
      const folded = foldForDetection(form);
      // Two-word forms ("slå ihjel", "stikke ned") are found by the grammar; the table keeps their first word.
      const [first] = folded.split(' ');
      if (!first || folded.includes(' ')) continue;
      add(exact, folded, lemma);
      if (folded.length >= 5) add(stems, stemmer.stemWord(folded), lemma);
    }
  }
  // Grouped by first letter: a typo is looked for only among forms that start like the word.
  const long = new Map<string, Array<{ form: string; lemmas: Set<Lemma> }>>();
  for (const [form, lemmas] of exact) {
    if (form.length < 6) continue;
    const group = long.get(form[0] as string) ?? [];
    group.push({ form, lemmas });
    long.set(form[0] as string, group);
  }
  return { exact, long, stems };
}

const INDEX = buildIndex();

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i += 1;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Compounds people write as one word: "selvmordstankerne", "sovepillerne", "selvskadende". */
const COMPOUND_PREFIXES: Array<[string, Lemma]> = [
  ['selvmord', 'suicide'],
  ['selvskad', 'selfHarm'],
  ['overdos', 'overdose'],
  ['sovepille', 'pills'],
  ['smertestil', 'pills'],
  ['afskedsbrev', 'farewellNote'],
  ['farvelbrev', 'farewellNote'],
];

const EMPTY: ReadonlySet<Lemma> = new Set();

/**
 * One normalised token with its lemmas: the explicit table first, then compounds,
 * then the Danish stem, then one-letter typos on long words (≥ 6 letters), which
 * are also spelled right so that literal words in the grammar match them.
 */
export function lookUp(token: string, mayBeTypo = true): { word: string; lemmas: ReadonlySet<Lemma> } {
  const key = mayBeTypo ? token : `=${token}`;
  const known = CACHE.get(key);
  if (known) return known;
  // Chat repeats its words; a bounded cache keeps the stemmer and the typo search off the common path.
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  const found = lookUpUncached(token, mayBeTypo);
  CACHE.set(key, found);
  return found;
}

const CACHE_LIMIT = 20_000;
const CACHE = new Map<string, { word: string; lemmas: ReadonlySet<Lemma> }>();

function lookUpUncached(token: string, mayBeTypo: boolean): { word: string; lemmas: ReadonlySet<Lemma> } {
  const exact = INDEX.exact.get(token);
  if (exact) return { word: token, lemmas: exact };
  for (const [prefix, lemma] of COMPOUND_PREFIXES) if (token.startsWith(prefix)) return { word: token, lemmas: new Set([lemma]) };
  if (token.length >= 5) {
    const stemmed = INDEX.stems.get(stemmer.stemWord(token));
    if (stemmed) return { word: token, lemmas: stemmed };
  }
  if (mayBeTypo && token.length >= 6) {
    // The first letter is rarely the typo, and checking it keeps real words apart ("letter" is not "better").
    for (const entry of INDEX.long.get(token[0] as string) ?? []) if (withinOneEdit(token, entry.form)) return { word: entry.form, lemmas: entry.lemmas };
  }
  return { word: token, lemmas: EMPTY };
}
