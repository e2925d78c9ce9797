import { keysNeeded, keysOf, match, mayMatch, type Pattern, pattern, type Token } from './grammar.js';

const p = pattern;

const NON_PERSON_SUBJECT =
  'det|it|this|that|ventetiden|ventetid|deadline|deadlinen|the|job|jobbet|arbejdet|work|ryggen|back|fodderne|feet|hovedpinen|headache|varmen|heat|kulden|traffic|foedderne|trafikken|stress|kedsomheden|kurset|skolen|school|eksamen|exam|tanken|koe|koeen|koen|queue|line|ventevaerelset|ventetiden|moedet|meeting';
const GAMES =
  'skak|chess|spil|spillet|game|games|kort|cards|fifa|tennis|badminton|race|matchen|kampen|match|wordle|ludo|pool|dart|bowling|quiz|padel|fodbold|football|skat|poker|trivia|mario|cs|lol';

/**
 * Idioms and everyday uses that only look like risk: their words are blanked before any concept
 * rule reads the message (a `!` marks the one word to blank; without it, all the idiom's words).
 */
export const IDIOMS: Pattern[] = [
  // dying of laughter, shame, fright, boredom; bored/scared to death
  p('@die af|of grin|grine|skam|skraek|latter|kedsomhed|boredom|laughing|laughter|embarrassment|shame|fright|cringe|kulde|cold|sult|hunger|varme|heat|nervoesitet|nerves|jalousi|misundelse|nysgerrighed|curiosity', 1),
  p('@die laughing|inside', 0),
  p('keder|kede|kedede|fryser|frös|griner|grinede|arbejder|arbejdede|slider|sled|loeber|loeb|spiser|aeder|drikker|snakker|traener|traenede|sveder|danser|shopper|ryger mig|os|dig|sig ihjel', 1),
  p('bored|scared|frightened|worried|tickled|loved|love|sick|tired|annoyed|freezing|starving to @die', 1),
  p('@die tired|end|battery|batteriet|inside|serious|silent|stille|last|ringer|wrong|set|sure|center|centre|heat|weight|line', 0),
  p('gaaet|gik|gaar|er|is|went|goes @die', 0),
  p('batteriet|batteri|battery|telefonen|telefon|phone|mobilen|mobil|computeren|computer|laptop|bilen|bil|car|motoren|planten|planter|plant|plants|skaermen|screen|nettet|wifi|internet|printer|linket|link|routeren|router|haaret|forslaget|ideen|idea|sagen|festen|party|byen|town ... @die', 4),
  // killing time, killing it, would kill for, killer
  p('slaa|slaar|slog|slaaet|@hit|@kill tiden|time|tid', 1),
  p('@kill for|it|the|a|an|at', 0),
  p(`${NON_PERSON_SUBJECT} ... @kill|@hit mig|me`, 4),
  p('@kill|@hit mig|me ... at|to vente|wait|waiting', 3),
  p('slaar|slog|slaa|slaaet @hit? op|hul|et|en|til|over|ud|fra|tilbage|igennem|rekord|record|back|up|down|out|sammen', 0),
  p(`@hit|@kick|beat|beats|beaten|@harm mig|me|os|us|ham|him|hende|her i|in|at|til|on|ved|ved|paa ... ${GAMES}`, 3),
  p(`${GAMES} ... @hit|@kick|beat|beaten|@kill`, 4),
  p('@kick mig|me ud|out', 0),
  // cutting down, cutting bread, burnt out, skipping a meeting
  p('!@cut ... ned|down|back|af|off|out|through|igennem|over|til|op|up|in|ind|corners|ties|class|classes|school|line|lines|hours|timer|timerne|arbejdstid|working|hair|haaret|haar|brod|broed|brodet|broedet|bread|kage|cake|groentsager|vegetables|loeg|onions|koed|meat|graes|grass|papir|paper|haekken|hedge|negle|nails|pizza|cheese|ost|tomater|tomatoes|aebler|apples|kartofler|potatoes|frugt|fruit|udgifter|costs|expenses|sugar|sukker|kaffen|kaffe|coffee|smoking|rygningen|smoegerne|smoeger|cigaretter|budgettet|budget', 3),
  p('@burn ud|out|af|mad|food|maden|kalorier|calories|cd|dvd|bridges|broer|energy|energi|brod|broed|bread|toast|lys|candle|candles|baal|fire', 2),
  p('!@jump ud|ind|out|in i|in|into det|it|the|vandet', 1),
  p('!@jump over|ind|in|on|at|til|to|ahead|queue|koen|koe|rope|around|rundt|for|med|meget|lidt|op|up', 0),
  p('!@jump ... seng|sengen|bed|bilen|car|bussen|bus|vandet|poolen|pool|trampolin|trampoline|havnen|soeen|havet|sea|taxa|taxi|hegnet|fence|vandpyt|puddle|chance|conclusions|konklusioner|job|jobbet', 4),
  // a train or a bridge as the way to work (being on the tracks is never the way to work)
  p('@drive|cykler|cykle|cyklede|bike|biked|cycle|walk|walked|gaar|gik|crossed|cross|krydser|tager|take|took|catch|caught ... over|under|across|med|by|paa|the|via|ad @height|@bridge|@vehicle', 2),
  p('@vehicle|@bridge|@tracks ... til|to|arbejde|work|job|kursus|course|skole|school|hjem|home|hver|every|forsinket|delayed|late|aflyst|cancelled|idag|today|igen|again|morgen|tomorrow|kl|aflyst', 3),
  // accidents in the kitchen or workshop
  p('@cut|@burn|@hit mig|myself|me|my|mit|min|mine ... uheld|accident|accidentally|lavede|cooking|komfur|komfuret|stove|ovnen|oven|kaffe|coffee|te|tea|papir|paper|finger|fingeren|fingre|glas|glass|kniven|strygejern|iron|gryden|pan|doeren|door|doerkarmen|skabet|cupboard|bordet|table|knaeet|knee|taaen|toe|barbering|shaving|sol|solen|sun|fodbold|football|traening|training|gym|fitness|faldt|fell|cyklen|bike|trappen|stairs|isen|ice|kampen|game|haandbold|sport', 5),
  p('uheld|accident|accidentally|lavede|cooking|komfur|komfuret|stove|ovnen|oven|kaffe|coffee|te|tea|papir|paper|finger|fingeren|strygejern|iron|gryden|pan|doeren|door|skabet|cupboard|bordet|table|fodbold|football|traening|training|faldt|fell|cyklen|trappen|stairs ... @cut|@burn|@hit|@harm mig|myself|me', 5),
  p('!@cut|!@burn|!@hit mig|myself|sig paa|on en|et|a|an|the|noget|something|nogle|some', 1),
  // pills as prescribed
  p('@pills ... hver|every|hverdag|dagligt|daily|ordineret|prescribed|foreskrevet|recept|prescription|lægen|laegen|doctor|apoteket|pharmacy|vitamin|vitaminer|vitamins|allergi|allergy|hovedpine|headache|mod|against|jern|iron|p|birth|control', 5),
  p('hver|every|hverdag|dagligt|daily|vitamin|vitaminer|vitamins|laegen|doctor|ordineret|prescribed|husker|remember|glemte|glemmer|forgot|forget ... @pills', 5),
  p('@take|tager|took|hente|hentede|pick|picked|koebe|koebte|buy|bought|get|got|faaet|fik min|mine|my|nye|new|mit|sine|vitamin|vitamins|your|dine @pills', 0),
  // knives in the kitchen
  p('@blade ... brod|broed|bread|koed|meat|groentsager|vegetables|gaffel|fork|smoer|butter|kage|cake|skuffe|skuffen|drawer|sharp|skarp|skaerpe|sharpen|koekken|koekkenet|kitchen|slibe|opvask|dishes|ny|nye|new', 5),
  // "threatens to quit", "my boss threatens to fire me"
  p('@threaten ... fyre|fyring|fire|fired|opsige|opsigelse|stoppe|quit|leave|gaa|sagsbehandler|sanktion|trække|traekke|cut|skaere|boede|fine|politiet|police|sagen|skat|inkasso|rykker|udsaettelse|eviction', 5),
  // "nobody would miss that bus", planning one's week
  p('!@planned|plan for|til|om|to|with|med|of|about|the|a|mit|min|my ... jobsoegning|job|jobbet|uge|week|ugen|dag|day|dagen|kursus|course|praktik|internship|fremtid|future|budget|oekonomi|cv|mad|weekend|ferie|holiday|trip|tur|uddannelse|education|moede|meeting|rengoering|traening|samtalen|interview', 3),
  p('!@overdose af|of ... sol|sun|kaffe|coffee|sukker|sugar|kage|cake|julemusik|tv|netflix|info|information|kaerlighed|love|arbejde|work|moeder|meetings', 3),
  // taking part ("jeg vil ikke være med mere" withdraws consent) and getting away for a holiday
  p('vaere|be|vaeret med ... mere|laengere|anymore|longer', 2),
  p('take|taking|tage|deltage part|del|in|i|mere|anymore', 0),
  p('vaek|away paa|on|for|fra|from ... ferie|holiday|vacation|weekend|weekenden|tur|trip|byen|town|city', 3),
  p('!@die my|mit|min|the hair|haaret|haar|toej|clothes|shirt|troejen|blaa|blue|roedt|red|pink|green|groen|black|sort|blonde', 3),
  p('!@kill|!@hit mig|me ihjel? ... hvis|if ... sent|late|glemmer|forget|forgot|finder|finds|hoerer|hears|ser|sees|taber|lose|spiser|eat', 6),
];

const MASK: Token = { word: '', lemmas: new Set() };
const IDIOM_KEYS = keysNeeded(IDIOMS);

/** Blanks the words of every idiom in the message. */
export function maskIdioms(tokens: readonly Token[]): Token[] {
  let masked = [...tokens];
  let keys = keysOf(masked);
  if (!mayMatch(keys, IDIOM_KEYS)) return masked;
  for (const idiom of IDIOMS) {
    // An idiom may occur twice ("jeg keder mig ihjel, jeg keder mig ihjel").
    for (let round = 0; round < 3; round += 1) {
      const found = match(idiom, masked, keys);
      if (!found || found.length === 0) break;
      const blank = found.some((word) => word.marked) ? found.filter((word) => word.marked) : found;
      masked = masked.map((token, index) => (blank.some((word) => word.at === index) ? MASK : token));
      keys = keysOf(masked);
    }
  }
  return masked;
}

