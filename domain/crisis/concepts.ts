import { keysNeeded, keysOf, match, mayMatch, type Pattern, pattern, type Token } from './grammar.js';

/**
 * The concept grammar, Danish and English together (one lemma covers both languages,
 * see wordForms.ts). Each rule names a concept a caseworker can read, the tier it gives
 * on its own, and the patterns that find it; `unless` patterns veto the rule.
 * Idioms (idioms.ts) run first and blank out words that only look like risk ("dø af grin",
 * "slå tiden ihjel", "the deadline is killing me", "skar ned på kaffen").
 */
export type ConceptTier = 'clear' | 'possible' | 'weak';

export type Concept =
  | 'suicidal-thoughts'
  | 'wish-to-die'
  | 'kill-self'
  | 'not-wanting-to-live'
  | 'hopelessness'
  | 'burden'
  | 'farewell'
  | 'plan'
  | 'time-or-means'
  | 'overdose'
  | 'method-pills'
  | 'method-hanging'
  | 'method-weapon'
  | 'method-height'
  | 'method-traffic'
  | 'method-drowning'
  | 'self-harm'
  | 'violence-against-citizen'
  | 'harm-to-others'
  | 'learned';

export interface ConceptRule {
  concept: Concept;
  tier: ConceptTier;
  patterns: Pattern[];
  unless?: Pattern[];
}

const p = pattern;

const HARM_VERB = '@kill|@harm|@batter|@choke|@hit|@kick|stikke|stab|skyde|shoot';

export const RULES: ConceptRule[] = [
  {
    concept: 'suicidal-thoughts',
    tier: 'possible',
    patterns: [p('@suicide')],
    // Someone else's suicide, or suicide as a topic: a weak signal that still adds up across turns.
    unless: [
      p('died|doede|begik|committed|lost|mistede|mistet|efterladte|survivors|bereaved|forebyggelse|prevention|awareness ... by|til|to|sit|his|her|their? @suicide', 4),
      p('@suicide ... forebyggelse|prevention|awareness|kampagne|campaign|artikel|article|film|bog|book|podcast|dokumentar|documentary|statistik|statistics|hotline|linje', 5),
      p('vi|we|de|they|klassen|class talte|talked|snakkede|discussed|laerte|learned|laeste|read om|about @suicide', 3),
    ],
  },
  { concept: 'suicidal-thoughts', tier: 'weak', patterns: [p('@suicide')] },
  {
    concept: 'kill-self',
    tier: 'possible',
    patterns: [
      p('@kill|@hang|@end|@harm|@drown|skyde|shoot myself', 1),
      p('@kill|@hang|@end|@harm|@drown|skyde|shoot|@hit mig|me selv', 1),
      p('jeg|i|^ ... @want|@intend|@think|lyst|gerne|bare ... @hit|@kill mig ihjel', 4),
      p('@take|@end|ende|give|tage|tager|took mit|my eget|own? liv|livet|life', 1),
      p('@take livet|life af|of mig|myself|me', 1),
      p('@end|ending it|det $|@tonight|i|all|hele|for|med', 1),
      p('@end det|it @all|hele|all|everything', 2),
      p('goere|gore|gor|make en|an @end paa|to det|mit|it|my|livet|life|alt|everything', 2),
      p('kys|kms $', 1),
      p('unalive|unaliving mig|myself|me', 1),
    ],
  },
  {
    concept: 'kill-self',
    tier: 'clear',
    // Wanting or intending to kill oneself is active intent: clear. Thinking about it is possible (screening follows).
    patterns: [
      p('@intend|@want|going|lyst ... @kill|@hang|@end|skyde|shoot|@drown myself|mig|me|livet|liv|life', 3),
      p('@intend|@want|going|lyst ... @hit|@kill mig|me selv? ihjel', 3),
      p('@intend|@want|going|lyst ... @take|@end mit|my eget|own? liv|livet|life', 3),
      p('@hang|@drown mig|myself', 1),
    ],
    unless: [p('@not @intend|@want|going|lyst', 1), p('@intend|@want|going @not', 1), p('@want|@intend ... @not ... @kill|@take', 4)],
  },
  {
    concept: 'wish-to-die',
    tier: 'possible',
    patterns: [
      p('@want|@think|@intend|hellere|rather|gerne @die', 4),
      p('@better ... @die', 3),
      p('@want|@think|@intend ... @not|aldrig @wake|vaagne|vaagner', 5),
      p('@not|aldrig @wake|vaagne|vaagner op|up? igen|again|mere|anymore|$', 2),
      p('sove|sleep|hvile|rest for? @forever', 1),
      p('@want|oenske|wish ... @not|aldrig|never ... foedt|born|existed|eksisteret', 4),
      p('bare|just|gerne kunne|could|maatte|may @die', 1),
      p('@forever sove|sleep', 1),
    ],
    unless: [p('@not @want|@intend|@think @die', 2), p('@want|@intend|@think @not @die', 2), p('bange|afraid|scared|frygter|fear for? at|of|to|that? @die', 3)],
  },
  {
    concept: 'not-wanting-to-live',
    tier: 'possible',
    patterns: [
      p('@want|@orke|@intend|lyst|@think @not ... @live|@goOn|vaere|be|exist|vaagne|@wake', 3),
      p('@not|ikke @want|@orke|lyst|@think ... @live|@goOn|exist', 4),
      p('@want|@orke|lyst @not|ikke ... vaere|be|blive|stay her|here|til|around|i|alive|with|med $', 4),
      p('@not|ikke @want|@orke|lyst ... vaere|be|blive|stay her|here|til|around|alive', 4),
      p('@tired|done|faerdig af|of|with|med at|to|of? @live|livet|life|living|leve|existing|eksistere|exist|being|vaere|til', 2),
      p('@meaning ... @live|@goOn|livet|life|going|go|vaere|exist|fortsaette|tilvaerelsen', 5),
      p('what|hvad is|er the|meningen|point|pointen $', 2),
      p('what|hvad is|er the|meningen|point|pointen ... @anymore|laengere', 3),
      p('what|hvad is|er the|meningen|point|pointen med|of|in @all|noget|anything|alting|nogenting|hele|everything $', 3),
      p('@live|livet ... @burden|pointless|meningsloest|hopeless|haabloest|ligegyldigt', 3),
      p('@want|@intend|@think|bare|just ... @disappear|vaek|gone|away', 4),
      p('@disappear|vaek|gone|away for|from @forever|alle|everyone|everything|alt|det|verden|world', 2),
      p('@stop|@end|@disappear ... for? @forever', 4),
      p('@want|@intend|@think|bare|just ... @all|det|alt|it|everything|hele|everything ... @stop|@end|over|slut', 5),
      p('@all|hele|everything @stop|@end|over|slut for? @forever|now|nu|$', 3),
      p('@better|@all ... uden|without mig|me', 5),
      p('@better|@all ... hvis|if jeg|i ... vaek|gone|@die|@disappear|her|here|ikke|not|around|borte', 4),
      p('ingen|nobody|one|anyone|nogen @miss|care|notice|opdage|opdager|bemaerke|bemaerker|mind|ville|would|vil|will ... @miss|care|notice|opdage|mig|me|hvis|if|when|naar|var|was', 3),
      p('@not|ingen|no|nogen vej|way|udvej|exit|escape|outs|flugt|ende ud|out|paa|on|@all', 3),
      p('@not|ingen|no|nogen|nothing|intet ... udvej|udgang', 3),
      p('@not|nothing|intet|ingenting ... @live for|til', 4),
      p('giver|give|given|gav|opgive|opgivet|opgiver|giving op|up? paa|on? @live|livet|life|@all|everything|alt|myself|mig', 1),
    ],
    unless: [p('meningen|meaning|pointen|point med|of livet|life ... egentlig|haha|lol|hehe|filosofi|philosophy|42|spoergsmaal|question|spurgte|asked|sagde|said', 4)],
  },
  {
    concept: 'hopelessness',
    tier: 'possible',
    patterns: [
      p('@orke|kan|can|could|klarer|magter @not|ikke ... @anymore|laengere|more|mere|on|videre $', 3),
      p('@orke|kan|can|klarer @not|ikke @live|livet|life|mere|anymore|noget|anything|nogenting $', 3),
      p('can|kan @not go|keep|carry|holde|blive on|going|ved|ud', 1),
      p('@not|intet|nothing @meaning|hope|haab|point|fremtid|future|left|tilbage', 3),
      p('@all|alt|everything ... @meaning|meningsloest|pointless|hopeless|haabloest|sort|black|dark|moerkt|tomt|empty|formaalsloest', 3),
    ],
    unless: [p('@orke|kan|can|klarer|stand @not|ikke ... kurset|jobbet|praktikken|praktik|job|course|meeting|moedet|arbejdet|work|stedet|ham|hende|him|dem|them|chefen|boss|lugten|stoejen|noise|larmen|vejret|weather|vente|wait|homework|lektier|bus|bussen|skole|school|systemet|system', 4)],
  },
  {
    concept: 'burden',
    tier: 'weak',
    patterns: [
      p('@burden'),
      p('jeg|i er|am|feel|foeler ... ubrugelig|useless|waste|spild|problem|fiasko|failure|for meget|too much', 3),
      p('@tired|done|faerdig af|of|with|med @all|alt|everything|hele', 2),
      p('undskyld|sorry|tilgiv|forgive for|mig|me ... @all|alt|everything', 3),
    ],
  },
  {
    concept: 'farewell',
    tier: 'possible',
    patterns: [
      p('@farewell ... @forever|verden|world', 4),
      p('@farewell|tak|thank|thanks ... @all|everyone|everybody|alle|alt|everything ... @farewell|@end|slut|@forever|@last|sorry|undskyld|elsker|love', 5),
      p('this|det|dette is|er|her the|er? @end|enden|slutningen', 2),
      p('@last gang|time|besked|message|hilsen|ord|words|farvel|goodbye ... @anymore|fra|from|fra|you|i|mig|me|hoerer|hear|ser|see|skriver|write', 5),
      p('min|my|mine|mit|denne|this|dette @last besked|message|hilsen|ord|words|brev|letter|farvel|goodbye', 2),
      p('this|det|dette|here is|er|her @farewell', 2),
      p('@not|wont|won hear|hoere|hoerer|see|se|ser ... fra|from mig|me @again|@anymore|mere|igen', 3),
      p('naar|when jeg|i er|am|is|m vaek|gone|borte ... skal|should|maa|must|vide|know|husk|remember|elskede|loved|love|elsker', 5),
      p('@farewellNote'),
      p('undskyld|sorry|tilgiv|forgive ... @farewell', 4),
      p('pas|passe|look|take|tag|sorg|soerg|sorge|soerge|care|passer|taking|passe ... naar|when|after|efter|once jeg|i ... vaek|gone|borte|@die|ikke|not|dead|doed', 7),
      p('naar|when|efter|after|once jeg|i|im er|am|is|m|have|har|been|vaeret|gone|vaek ... vaek|gone|borte|@die|dead|doed|left|taget|passed $', 3),
      p('@farewell ... brev|letter|note|besked|message|video|sms', 2),
    ],
    unless: [p('@farewell ... ferie|holiday|weekend|uge|week|tur|trip|snart|soon|morgen|tomorrow|ses|see|vi|we|bussen|moedet|meeting|kurset|job', 6)],
  },
  {
    concept: 'plan',
    tier: 'possible',
    patterns: [
      p('^ jeg|i ... lagt|made|have|har|got|fik|fundet|found|en|a @planned $', 5),
      p('@planned klar|ready|lagt|done|parat $', 2),
      p('@planned ... hvordan|how|hvornaar|when|hvor|where ... goere|do|it|det|ske|happen', 5),
    ],
  },
  { concept: 'overdose', tier: 'clear', patterns: [p('@overdose')], unless: [p('@not|aldrig|never @overdose', 1)] },
  {
    concept: 'method-pills',
    tier: 'clear',
    patterns: [
      p('@pills ... @all|#|@hoard|@ready|@front|masse|lot|stak|alle', 4),
      p('@all|#|@hoard|@ready|@front|masse|lot|stak @pills', 4),
      p('too|for many|mange @pills', 2),
      p('@pills ... too|for many|mange', 3),
      p('@swallow|@take ... @all|#|mange|many|masse|lot|hele|whole|bottle|flaske|pakke|pack|glas|boks|box ... @pills|medicin|piller', 4),
      p('@pills @front|mig|me', 2),
    ],
    unless: [p('ikke|not|aldrig|never|glemt|forgot|glemmer|forget @take|@swallow', 2), p('@want|@intend|skal|need|brug ... ny|nye|new|more|flere|recept|prescription', 5)],
  },
  {
    concept: 'method-hanging',
    tier: 'clear',
    patterns: [p('@rope ... @ready|@hang|loftet|loft|ceiling|bjaelken|beam|@found|@hoard|@want|@intend|halsen|neck|haanden|hand', 4), p('@ready|@found|@hoard|@want|@intend ... @rope', 4)],
    unless: [
      p('flytning|flytningen|moving|move|camping|baad|baaden|boat|klatring|climbing|sejl|sailing|toejsnor|hund|hunden|dog|gynge|swing|traening|gym|hoppe|skipping|trailer', 8),
      p('@rope ... trøje|troeje|sweater|sokker|socks|hue|hat|garn|yarn|toej|clothes|hobby|kursus|course|laere|learn|elsker|love|godt|kan|can|jeg|strikker|pinde|needles', 6), p('kan|can|laere|learn|elsker|love|godt|hobby|kan lide at? @rope', 3),
    ],
  },
  {
    concept: 'method-weapon',
    tier: 'clear',
    patterns: [
      p('have|har|got|fik|found|fundet|bought|koebt|holder|holding|hold|fat|laant|borrowed|loaded|ladt @gun', 3),
      p('@blade ... @ready|haanden|hand|lommen|pocket|sengen|bed|frem|out', 4),
      p('@gun|@blade ... mig|myself|me|hovedet|head|halsen|throat|@body|@cut|@harm|@die|@kill|@hand', 4),
      p('@gun|@blade ... bruge|use|using ... paa|on|against|mod mig|myself|me', 6),
    ],
    unless: [p('film|movie|spil|game|tv|serie|series|politi|police|jagt|hunting|jaeger|hunter|museum|toy|legetoej|vand|water|nerf|paintball', 8)],
  },
  {
    concept: 'method-height',
    tier: 'clear',
    patterns: [
      p('@jump|falde|fall|falder|lade|let ... @height|@tracks|@vehicle|@front|off|ned|down|ud|out|sted|place|spot|hoejt|high|floor|etage|sal|afgrund|vinduet|window', 4),
      p('@found|fundet|found ... sted|place|spot|@bridge|@height ... @jump|falde|fall|ende|end', 6),
      p('@height|@bridge ... @intend|@want|kan|can|could ... @jump|falde|fall', 4),
      p('staar|star|staa|sidder|sitting|standing|stand|er|am|im|oppe|op|up|klatret|climbed|climbing|sat|sad|stod|paa|on|at|ved|ude ... paa|on|at|ved|kanten|edge @height|@tracks|roof|tagryggen|taget|kanten|edge|rail|railing|raekvaerket|gelaenderet', 2),
      p('staar|star|staa|sidder|sitting|standing|stand|er|am|im|oppe|ude|out ... paa|on|at|ved @bridge', 2),
      p('gaar|gaa|walk|walking|going|gaaet|ude|ud|ligger|laegger|lying ... paa|on|onto|ud|ned @tracks', 3),
      p('kanten|edge|railing|raekvaerket|gelaenderet|ude|out|outside ... paa|af|of|on|paa|over @bridge', 3),
      p('@bridge ... kanten|edge|railing|raekvaerket|gelaenderet|@jump|ud|falde|fall', 4),
      p('@tracks ... nu|now|right|lige|staar|star|sidder|sitting|standing|venter|waiting|ligger|lying', 4),
      p('staar|star|staa|sidder|sitting|standing|er|am|ligger|lying ... paa|on|ved|by|at|by @tracks', 3),
    ],
    unless: [p('sol|solen|sun|kaffe|coffee|beer|oel|grill|bbq|terrace|terrasse|tagterrasse|party|fest|udsigt|view|solnedgang|solnedgangen|sunset|picnic|frokost|lunch|drink|drinks|reparere|repair|fixing|tagrende|gutters|maler|painting|antenne', 8)],
  },
  {
    concept: 'method-traffic',
    tier: 'clear',
    patterns: [
      p('@front|ud|out|step|traede|gaa|walk|laegge|lie|lay|kaste|throw ... @vehicle|@tracks', 4),
      p('@drive ... ud|off|over|into|ind|mod|against|galt ... @water|@height|mur|muren|wall|trae|traeet|tree|@vehicle|klippen|cliff|galt|modkoerende|oncoming|lygtepael|pole', 5),
      p('@drive|koere|koerer|koer ... @purpose|med|galt', 3),
    ],
    unless: [p('@front ... @vehicle ... stop|stoppested|station|perron|platform|koe|queue|ventede|waited|venter|wait', 4)],
  },
  {
    concept: 'method-drowning',
    tier: 'clear',
    patterns: [p('@drown mig|myself|me|selv', 2), p('@want|@intend|@think|@jump|gaa|walk|ud|into|ind ... @water|@drown ... @not|aldrig|never|op|up|mig|myself|for|@forever|ud|under|drukne|drown', 5)],
  },
  {
    concept: 'self-harm',
    tier: 'clear',
    patterns: [
      p('@selfHarm'),
      p('@cut|@burn|@scratch|@bleed mig|myself|me selv|myself|@body|haandled|arme|arms|again|igen|til|until|blod|bleed|$|med|with', 2),
      p('@cut|@burn|@scratch ... mine|my|i|in|on @body', 2),
      p('@cut|@burn|@scratch|@harm mig|myself', 0),
      p('self|selv harm|harming|harmed|skade|skader|skadende|injury', 0),
      p('urge|trang|lyst|need|brug|relapsed|tilbagefald ... @cut|cutte|@burn|@scratch', 3),
      p('@cut|@burn|@scratch|cutte @again', 1),
      p('@cut|@burn|@scratch @all|@body|mine|my|selv|myself|haandled|arme|arms|huden|skin', 2),
      p('@cut|@burn|@scratch|@hit ... til|until|indtil|so|saa ... @bleed|blod|blood|ar|scars|blaa|blue|maerker|marks', 5),
      p('@want|@intend|lyst|trang|urge|need|brug|@think ... @cut|cutte|@burn|@scratch ... @again|$|mig|myself', 3),
      p('cutte|cutter|cuttede|cuttet|cutting|skaering|skaeringer|cuts|cutting'),
      p('@hit|banke|banker|bankede|dunk|dunker|dunkede|bang|banging|smashing|slaar ... hovedet|head|naever|fists|mig|myself ... ind|into|mod|against|i|on ... vaeggen|wall|muren|doeren|door|gulvet|floor', 4),
      p('@hit|@harm|straffe|punish mig|myself selv|myself', 1),
      p('sulter|starving|starve|kaster|throwing|purging|bulimi|anoreksi ... mig|myself|op|up ... @anymore|med|vilje|purpose|igen|again|$|til|until', 3),
    ],
  },
  {
    concept: 'violence-against-citizen',
    tier: 'clear',
    patterns: [
      p('@person ... @hit|@kick|@batter|@choke|@threaten|@lock|@harm|slaet|slået|voldtog|voldtager|holder|holds|pushes|push|skubber|skubbede|shoved|pushed|grabbed|tager|tog mig|me|os|us|min|my|mine', 3),
      p('@person ... @kill|@hit|myrde|murder|skyde|shoot ... mig|me|ihjel', 4),
      p('@person|said|sagde|siger|says ... @intend|vil|will|would|going|ville|kommer|gonna ... @kill|@hit|@harm|@batter|myrde|murder|skyde|shoot ... mig|me', 6),
      p('bliver|blir|blev|er|am|get|getting|being|got|was|been|vaeret|har|have|is|bli|blive ... @hit|@kick|@batter|@choke|@threaten|@lock|slaaet|voldtaget|raped|abused|mishandlet|tævet|taevet|udsat', 2),
      p('@lock mig|me|myself? inde|in|inside', 2),
      p('@not lader|let|lets|letting|lade|slipper|slippe mig|me ... ud|out|leave|gaa|go|outside', 3),
      p('lader|let|lade|slipper|slippe mig|me @not|ikke ... ud|out|leave|gaa|go', 3),
      p('@threaten ... @kill|@die|ihjel|@blade|@gun|livet|life|mig|me|slaa|@hit|myrde|murder', 5),
      p('@violence ... udsat|hjemme|derhjemme|home|domestic|mig|me|mod|against|min|my|our|vores|i|jeg|victim|offer', 4),
      p('udsat|offer|victim|domestic|hjemme|derhjemme|home|mod|against|min|my|jeg|i ... @violence', 4),
      p('bange|afraid|scared|frygter|terrified|rædd|raed for|of? @person|hjemme|home|derhjemme|at|to|that ... gaa|go|hjem|home|@hit|@kill|@harm|@intend|vil|will|kommer|come|comes|sige|tell|efter|after', 5),
      p('@blade|@gun ... @person|mod|against|at|mig|me|truet|threatened|held', 4),
    ],
  },
  {
    concept: 'harm-to-others',
    tier: 'clear',
    patterns: [
      p(`@want|@intend|@think|lyst|bange|afraid|scared|frygter|going|will|would|kunne|could|fear|worried|bekymret ... ${HARM_VERB}|goer|do|doing|gore ... @other|@child|@person|min|my|mine|ham|hende|him|her|dem|them|nogen|someone`, 4),
      p(`@want|@intend|@think|lyst|bange|afraid|scared|frygter|going|will|would|kunne|could|fear|worried|bekymret ... @other|@child|@person|ham|hende|him|her|dem|them|nogen|someone|min|my|mine ... ${HARM_VERB}|fortraed|ondt|noget|ihjel`, 4),
      p(`@kill|myrde|murder|skyde|shoot|stikke|stab|stabbe @other|@child|@person|ham|hende|him|her|them|dem|nogen|someone|somebody|min|my`, 2),
      p('goere|gore|do|doing|hurt @other|@child|@person|ham|hende|him|her|dem|them|nogen|someone noget|something|harm ... alvorligt|serious|slemt|bad|ondt|fortraed|forfaerdeligt|terrible', 3),
      p('jeg|i ... @hit|@kill|slaa|slaar @other|@child|@person|ham|hende ... ihjel', 2),
    ],
    unless: [p('@not|aldrig|never @want|@intend|@think|lyst|would|will|kunne|could ... @kill|@harm|@hit|fortraed|ondt', 4), p('@harm|@hit|@kill ... feelings|folelser|foelelser', 4)],
  },
];

export interface ConceptHit {
  concept: Concept;
  tier: ConceptTier;
  /** The (normalised) words that fired the rule: shown to the caseworker, never logged. */
  words: string[];
}

const RANK: Record<ConceptTier, number> = { clear: 2, possible: 1, weak: 0 };

function matchesAny(patterns: readonly Pattern[], tokens: readonly Token[], keys: ReadonlySet<string>): boolean {
  for (const pattern of patterns) if (match(pattern, tokens, keys)) return true;
  return false;
}

/** Each rule with the keys a message needs for any of its patterns to match. */
const RULES_WITH_KEYS = RULES.map((rule) => ({ rule, needed: keysNeeded(rule.patterns) }));

/** Every concept whose rule matches the (masked) tokens. Plain loops: this runs on every message. */
export function findConcepts(tokens: readonly Token[]): ConceptHit[] {
  const hits: ConceptHit[] = [];
  const hitOf = new Map<string, number>();
  const keys = keysOf(tokens);
  for (const { rule, needed } of RULES_WITH_KEYS) {
    if (!mayMatch(keys, needed)) continue;
    // One hit per concept, at its highest tier ("I want to kill myself" is clear, "thinking about killing myself" possible).
    const earlier = hitOf.get(rule.concept);
    if (earlier !== undefined && RANK[(hits[earlier] as ConceptHit).tier] >= RANK[rule.tier]) continue;
    if (rule.unless && matchesAny(rule.unless, tokens, keys)) continue;
    for (const candidate of rule.patterns) {
      const found = match(candidate, tokens, keys);
      if (!found) continue;
      const hit = { concept: rule.concept, tier: rule.tier, words: found.map((word) => tokens[word.at]?.word ?? '').filter(Boolean) };
      if (earlier !== undefined) hits[earlier] = hit;
      else hitOf.set(rule.concept, hits.push(hit) - 1);
      break;
    }
  }
  return hits;
}
