import { type Attachment, CardFactory } from 'botbuilder';

/** The verb of a reminder's buttons; the bot turns a click into the reply the citizen could have typed. */
export const REMINDER_VERB = 'reminder.reply';

export type ReminderButton = 'now' | 'tomorrow' | 'later' | 'notNow';

/** A reminder with Yes now / Tomorrow / In an hour / Not now. */
export function reminderCard(text: string, reminderId: string, labels: Record<ReminderButton, string>): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text, wrap: true }],
    actions: (Object.keys(labels) as ReminderButton[]).map((reply) => ({
      type: 'Action.Submit',
      title: labels[reply],
      data: { verb: REMINDER_VERB, reply, reminderId },
    })),
  });
}
