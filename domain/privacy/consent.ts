import { containsPhrase, foldText } from '../text.js';

/** Ways citizens say they want to stop taking part, Danish and English (folded: case and accents do not matter). */
const WITHDRAWAL_PHRASES = [
  'vil ikke være med mere',
  'vil ikke vaere med mere',
  'vil ikke være med længere',
  'vil ikke være med i det her',
  'vil ikke bruge ledsager',
  'vil ikke bruge det her mere',
  'stop med at bruge ledsager',
  'træk mit samtykke tilbage',
  'trække mit samtykke tilbage',
  'tilbagekalde mit samtykke',
  'jeg vil ud af ledsager',
  "don't want to take part anymore",
  'do not want to take part anymore',
  "don't want to be part of this",
  'withdraw my consent',
  'stop using ledsager',
];

/** Does the message say the citizen wants to stop taking part (withdraw consent, GDPR Art. 7(3))? */
export function recognizeWithdrawal(text: string): boolean {
  const folded = foldText(text);
  return folded.length > 0 && WITHDRAWAL_PHRASES.some((phrase) => containsPhrase(folded, phrase));
}

/** Consent counts only for the information text the citizen actually saw: a new version asks again. */
export function consentIsCurrent(profile: { consent: 'ACCEPTED' | 'DECLINED' | null; consentVersion: string | null }, currentVersion: string): boolean {
  return profile.consent === 'ACCEPTED' && profile.consentVersion === currentVersion;
}
