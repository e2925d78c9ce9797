import { ANSWER_VERB } from '../cards/answerCards.js';
import { REMINDER_VERB } from '../cards/reminderCard.js';

/** What each reminder button stands for, as the citizen could type it (recognised in both languages). */
const reminderReplies: Record<string, string> = { now: 'ja', tomorrow: 'i morgen', later: 'om en time', notNow: 'ikke nu' };

/** Handlers for card submits, by verb. Each returns the text the person could have typed instead. */
const submitAsText: Record<string, (value: Record<string, unknown>) => string | undefined> = {
  [ANSWER_VERB]: (value) => {
    const text = (field: unknown) => (typeof field === 'string' && field !== '' ? field : undefined);
    const period = text(value.from) ? `${text(value.from)}${text(value.to) ? ` - ${text(value.to)}` : ''}` : undefined;
    return text(value.answer) ?? text(value.selection) ?? text(value.date) ?? period;
  },
  [REMINDER_VERB]: (value) => (typeof value.reply === 'string' ? reminderReplies[value.reply] : undefined),
};

/** The typed equivalent of a card submit, or undefined when the activity is not one. */
export function cardSubmitText(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const verb = (value as { verb?: unknown }).verb;
  if (typeof verb !== 'string') return undefined;
  return submitAsText[verb]?.(value as Record<string, unknown>);
}
