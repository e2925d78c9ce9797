import { type Attachment, CardFactory } from 'botbuilder';

/** Verbs of the alert card's buttons, dispatched by the bot to the alert actions. */
export const ALERT_VERBS = {
  acknowledge: 'alert.acknowledge',
  reply: 'alert.reply',
  resolve: 'alert.resolve',
} as const;

/** The reply field's id: its value arrives with the reply submit. */
export const REPLY_INPUT_ID = 'replyText';

export interface AlertCardView {
  alertId: string;
  title: string;
  /** Label/value pairs: what, answer by, reference. */
  facts: Array<{ title: string; value: string }>;
  /** The citizen's own words, when there are any. */
  citizenText?: string;
  /** Who has seen or closed it ("Afsluttet af Mette Holm"), once someone has. */
  status?: string;
  /** A closed alert's card keeps its content but loses its input and buttons. */
  closed?: boolean;
  replyPlaceholder: string;
  labels: { acknowledge: string; reply: string; resolve: string };
}

/** The alert as caseworkers see it in Teams or any chat: what happened, by when, and Seen / Answer / Close. */
export function alertCard(view: AlertCardView): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: view.title, wrap: true, weight: 'Bolder', size: 'Medium' },
      { type: 'FactSet', facts: view.facts },
      ...(view.citizenText ? [{ type: 'TextBlock', text: view.citizenText, wrap: true, separator: true }] : []),
      ...(view.status ? [{ type: 'TextBlock', text: view.status, wrap: true, weight: 'Bolder', color: 'Good', separator: true }] : []),
      ...(view.closed ? [] : [{ type: 'Input.Text', id: REPLY_INPUT_ID, isMultiline: true, placeholder: view.replyPlaceholder, label: view.replyPlaceholder, maxLength: 2000 }]),
    ],
    actions: view.closed ? [] : [
      { type: 'Action.Submit', title: view.labels.acknowledge, data: { verb: ALERT_VERBS.acknowledge, alertId: view.alertId } },
      { type: 'Action.Submit', title: view.labels.reply, data: { verb: ALERT_VERBS.reply, alertId: view.alertId } },
      { type: 'Action.Submit', title: view.labels.resolve, data: { verb: ALERT_VERBS.resolve, alertId: view.alertId } },
    ],
  });
}
