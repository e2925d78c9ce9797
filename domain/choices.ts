import { normalizedWords } from './intents/words.js';
import { foldText } from './text.js';

/** One option of a choice: its value and every label that selects it (Danish and English). */
export interface ChoiceOption<V extends string = string> {
  value: V;
  labels: readonly string[];
  /** Not shown, so it has no number: only its words select it. */
  byWordsOnly?: boolean;
}

/**
 * The option a person chose by typing its number (1-based) or one of its
 * labels, case- and accent-insensitively; undefined when nothing matches.
 */
export function matchChoice<V extends string>(text: string, options: ReadonlyArray<ChoiceOption<V>>): V | undefined {
  // "2" or "2." selects the second option; "-1" is not a number of any option.
  const number = /^\s*(\d{1,3})[.)]?\s*$/.exec(text)?.[1];
  if (number) return options.filter((option) => !option.byWordsOnly)[Number(number) - 1]?.value;
  const folded = foldText(text);
  if (!folded) return undefined;
  return options.find((option) => option.labels.some((label) => foldText(label) === folded))?.value ?? matchLabelWords(text, options);
}

/** A short reply of a few words, not a sentence, can select by words of a label. */
const MAX_LABEL_WORDS = 3;

/**
 * The one option whose label holds every word typed, in any inflection
 * ("formiddag" → "Formiddag (9-12)", "svinger" → "Det svinger"); undefined when
 * no option or several do.
 */
function matchLabelWords<V extends string>(text: string, options: ReadonlyArray<ChoiceOption<V>>): V | undefined {
  // Numbers and lists ("1, 3", "mine mål, 2") are read by matchChoices, not as words.
  if (/[\d,;]/.test(text)) return undefined;
  const words = normalizedWords(text).filter((word) => word.length >= 3);
  if (words.length === 0 || words.length > MAX_LABEL_WORDS) return undefined;
  const holding = options.filter((option) =>
    option.labels.some((label) => {
      const labelWords = new Set(normalizedWords(label));
      return words.every((word) => labelWords.has(word));
    }),
  );
  return holding.length === 1 ? holding[0]?.value : undefined;
}

/**
 * Several options from one message: numbers or labels separated by commas,
 * spaces, "og" or "and" ("1, 4 og 7"). Undefined when any part matches nothing,
 * so a typo is asked about rather than silently dropped.
 */
export function matchChoices<V extends string>(text: string, options: ReadonlyArray<ChoiceOption<V>>): V[] | undefined {
  const whole = matchChoice(text, options);
  if (whole) return [whole];
  const parts = text
    .split(/,|;|\bog\b|\band\b|\s+(?=\d)/i)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const chosen: V[] = [];
  for (const part of parts) {
    const value = matchChoice(part, options);
    if (!value) return undefined;
    if (!chosen.includes(value)) chosen.push(value);
  }
  return chosen;
}
