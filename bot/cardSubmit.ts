import { ANSWER_VERB } from '../cards/answerCards.js';

/** Handlers for card submits, by verb. Each returns the text the person could have typed instead. */
const submitAsText: Record<string, (value: Record<string, unknown>) => string | undefined> = {
  [ANSWER_VERB]: (value) => [value.answer, value.selection, value.date].find((field) => typeof field === 'string' && field !== '') as string | undefined,
};

/** The typed equivalent of a card submit, or undefined when the activity is not one. */
export function cardSubmitText(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const verb = (value as { verb?: unknown }).verb;
  if (typeof verb !== 'string') return undefined;
  return submitAsText[verb]?.(value as Record<string, unknown>);
}
