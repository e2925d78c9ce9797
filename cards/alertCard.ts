import { type Attachment, CardFactory } from 'botbuilder';
import type { AlertView } from '../domain/alertView.js';

/** Verbs of the alert card's buttons, dispatched by the bot to the alert actions. */
export const ALERT_VERBS = {
  acknowledge: 'alert.acknowledge',
  reply: 'alert.reply',
  resolve: 'alert.resolve',
} as const;

/** The reply field's id: its value arrives with the reply submit. */
export const REPLY_INPUT_ID = 'replyText';

export interface AlertCardOptions {
  /** The alert in words: the same view model the console's inbox renders. */
  view: AlertView;
  /** Who has seen or closed it ("Afsluttet af Mette Holm"), once someone has. */
  status?: string;
  /** A closed alert's card keeps its content but loses its input and buttons. */
  closed?: boolean;
  /** The citizen's page in the console ("Åbn i Ledsager"); absent when the service has no address to link to. */
  openUrl?: string;
  replyPlaceholder: string;
  labels: { acknowledge: string; reply: string; resolve: string; open: string };
}

/** The alert as caseworkers see it in Teams or any chat: what happened, by when, Seen / Answer / Close, and a link to the console. */
export function alertCard(options: AlertCardOptions): Attachment {
  const { view, labels } = options;
  const open = options.openUrl ? [{ type: 'Action.OpenUrl', title: labels.open, url: options.openUrl }] : [];
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: view.title, wrap: true, weight: 'Bolder', size: 'Medium' },
      { type: 'FactSet', facts: view.facts.map((fact) => ({ title: fact.label, value: fact.value })) },
      ...(view.citizenText ? [{ type: 'TextBlock', text: view.citizenText, wrap: true, separator: true }] : []),
      ...(options.status ? [{ type: 'TextBlock', text: options.status, wrap: true, weight: 'Bolder', color: 'Good', separator: true }] : []),
      ...(options.closed
        ? []
        : [{ type: 'Input.Text', id: REPLY_INPUT_ID, isMultiline: true, placeholder: options.replyPlaceholder, label: options.replyPlaceholder, maxLength: 2000 }]),
    ],
    actions: options.closed
      ? open
      : [
          { type: 'Action.Submit', title: labels.acknowledge, data: { verb: ALERT_VERBS.acknowledge, alertId: view.id } },
          { type: 'Action.Submit', title: labels.reply, data: { verb: ALERT_VERBS.reply, alertId: view.id } },
          { type: 'Action.Submit', title: labels.resolve, data: { verb: ALERT_VERBS.resolve, alertId: view.id } },
          ...open,
        ],
  });
}
