import { foldText } from './text.js';

/** One option of a choice: its value and every label that selects it (Danish and English). */
export interface ChoiceOption<V extends string = string> {
  value: V;
  labels: readonly string[];
}

/**
 * The option a person chose by typing its number (1-based) or one of its
 * labels, case- and accent-insensitively; undefined when nothing matches.
 */
export function matchChoice<V extends string>(text: string, options: ReadonlyArray<ChoiceOption<V>>): V | undefined {
  // "2" or "2." selects the second option; "-1" is not a number of any option.
  const number = /^\s*(\d{1,3})[.)]?\s*$/.exec(text)?.[1];
  if (number) return options[Number(number) - 1]?.value;
  const folded = foldText(text);
  if (!folded) return undefined;
  return options.find((option) => option.labels.some((label) => foldText(label) === folded))?.value;
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
