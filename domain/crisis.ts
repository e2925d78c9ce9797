import { containsPhrase, foldText } from './text.js';

// Phrases that signal risk to life or safety: suicidal thoughts, self-harm, violence.
// Matched as whole words after folding (case, accents, æ/ø/å), with common misspellings.
// A false alarm costs a kind message and a phone call; a miss can cost a life: err on the side of answering.
const crisisPhrases = [
  // Danish: suicide
  'selvmord', 'selvmordstanker', 'selvmordstanke', 'selvmoord', 'selmord', 'selvmort', 'begå selvmord', 'tage mit eget liv',
  'tage mit liv', 'slå mig selv ihjel', 'sla mig selv ihjel', 'dræbe mig selv', 'dræbe mig self', 'dræb mig', 'vil dø', 'vil gerne dø',
  'vil ikke leve', 'vil ikke leve mere', 'orker ikke at leve', 'ikke lyst til at leve', 'ingen grund til at leve', 'ende det hele',
  'gøre en ende på det', 'gøre en ende på mit liv', 'bedre hvis jeg var død', 'bedre uden mig', 'hænge mig', 'springe ud foran',
  // Danish: self-harm
  'skade mig selv', 'skader mig selv', 'gøre skade på mig selv', 'cutte', 'cutter', 'skære i mig selv', 'skærer i mig selv', 'selvskade',
  // Danish: violence
  'han slår mig', 'hun slår mig', 'de slår mig', 'bliver slået', 'slår mig ihjel', 'vold', 'truer med at slå', 'truet på livet', 'er bange for at han', 'er bange for at hun',
  'slå ham ihjel', 'slå hende ihjel', 'dræbe ham', 'dræbe hende', 'gøre skade på nogen',
  // English
  'suicide', 'suicidal', 'suicde', 'sucide', 'kill myself', 'kil myself', 'end my life', 'take my life', 'want to die', 'wanna die',
  'dont want to live', 'don t want to live', 'no reason to live', 'better off dead', 'better off without me', 'hurt myself', 'harm myself',
  'self harm', 'selfharm', 'cut myself', 'cutting myself', 'hang myself', 'he hits me', 'she hits me', 'beats me', 'being beaten',
  'domestic violence', 'threatened to kill', 'going to kill', 'hurt someone',
];

/** True when a message signals risk to life or safety. Runs before anything else on every turn. */
export function signalsCrisis(text: string): boolean {
  const folded = foldText(text);
  return folded.length > 0 && crisisPhrases.some((phrase) => containsPhrase(folded, phrase));
}
