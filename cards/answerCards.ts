import { type Attachment, CardFactory } from 'botbuilder';

/**
 * Cards that answer a prompt. Every submit carries `verb: "answer"` and the id
 * of the prompt it belongs to; the bot turns it into the text the citizen could
 * have typed (see bot/cardSubmit.ts), so a card and a typed number or label take
 * exactly the same path, and a tap on an old card is recognised as old.
 */
export const ANSWER_VERB = 'answer';

/** Channels that show Adaptive Cards: there the card alone carries the prompt. Elsewhere a numbered text list does. */
const CARD_CHANNELS: ReadonlySet<string> = new Set(['msteams', 'webchat', 'directline', 'emulator']);

export function showsCards(channelId: string | undefined): boolean {
  return CARD_CHANNELS.has(channelId ?? '');
}

/** Labels longer than this are shown as full-width wrapping rows, never as buttons that cut them off. */
const BUTTON_LABEL_MAX = 24;

/**
 * "1. label" with a no-break space: a Markdown renderer does not take it for a
 * list item (which would renumber every lone item "1.").
 */
export function numbered(index: number, label: string): string {
  return `${index + 1}.\u00a0${label}`;
}

/** An Adaptive Card that asks `question` in bold, then shows `body` and `actions`. */
function questionCard(question: string, body: object[], actions: object[]): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: question, wrap: true, weight: 'Bolder' }, ...body],
    actions,
  });
}

/** One tappable choice per option, answering with its number: buttons for short labels, wrapping rows for long ones. */
export function choiceCard(question: string, labels: readonly string[], promptId: string): Attachment {
  // The title is the name a screen reader gives the button or row.
  const submit = (label: string, index: number) => ({ type: 'Action.Submit', title: numbered(index, label), data: { verb: ANSWER_VERB, answer: String(index + 1), promptId } });
  if (labels.every((label) => label.length <= BUTTON_LABEL_MAX)) return questionCard(question, [], labels.map(submit));
  const rows = labels.map((label, index) => ({
    type: 'Container',
    style: 'emphasis',
    spacing: 'Small',
    selectAction: submit(label, index),
    items: [{ type: 'TextBlock', text: numbered(index, label), wrap: true, color: 'Accent' }],
  }));
  return questionCard(question, rows, []);
}

/** Tick several, then send; answers with the chosen numbers, e.g. "1,4,7". */
export function multiChoiceCard(question: string, labels: readonly string[], submitLabel: string, promptId: string): Attachment {
  const choices = labels.map((label, index) => ({ title: numbered(index, label), value: String(index + 1) }));
  return questionCard(
    question,
    [{ type: 'Input.ChoiceSet', id: 'selection', isMultiSelect: true, style: 'expanded', label: question, choices, wrap: true }],
    [{ type: 'Action.Submit', title: submitLabel, data: { verb: ANSWER_VERB, promptId } }],
  );
}

/** A date picker with a skip button; answers with YYYY-MM-DD or the skip label. */
export function dateCard(question: string, submitLabel: string, skipLabel: string, promptId: string): Attachment {
  return questionCard(question, [{ type: 'Input.Date', id: 'date', label: question }], sendOrSkip(submitLabel, skipLabel, promptId));
}

function sendOrSkip(submitLabel: string, skipLabel: string, promptId: string): object[] {
  return [
    { type: 'Action.Submit', title: submitLabel, data: { verb: ANSWER_VERB, promptId } },
    { type: 'Action.Submit', title: skipLabel, data: { verb: ANSWER_VERB, answer: skipLabel, promptId } },
  ];
}

/** Suggested answers next to a free-text question; each button answers with its own label. */
export function suggestionCard(question: string, labels: readonly string[], promptId: string): Attachment {
  return questionCard(question, [], labels.map((label) => ({ type: 'Action.Submit', title: label, data: { verb: ANSWER_VERB, answer: label, promptId } })));
}

/** Two date pickers (from, until) and a skip button; answers "YYYY-MM-DD - YYYY-MM-DD". */
export function periodCard(question: string, labels: { from: string; to: string; send: string; skip: string }, promptId: string): Attachment {
  return questionCard(
    question,
    [
      { type: 'Input.Date', id: 'from', label: labels.from },
      { type: 'Input.Date', id: 'to', label: labels.to },
    ],
    sendOrSkip(labels.send, labels.skip, promptId),
  );
}
