import { type Attachment, CardFactory } from 'botbuilder';

/**
 * Cards that answer a prompt. Every submit carries `verb: "answer"`; the bot
 * turns it into the text the citizen could have typed (see bot/cardSubmit.ts),
 * so a card and a typed number or label take exactly the same path.
 */
export const ANSWER_VERB = 'answer';

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

/** One button per choice; the button answers with the choice's number. */
export function choiceCard(question: string, labels: readonly string[]): Attachment {
  return questionCard(
    question,
    [],
    labels.map((label, index) => ({ type: 'Action.Submit', title: `${index + 1}. ${label}`, data: { verb: ANSWER_VERB, answer: String(index + 1) } })),
  );
}

/** Tick several, then send; answers with the chosen numbers, e.g. "1,4,7". */
export function multiChoiceCard(question: string, labels: readonly string[], submitLabel: string): Attachment {
  const choices = labels.map((label, index) => ({ title: `${index + 1}. ${label}`, value: String(index + 1) }));
  return questionCard(
    question,
    [{ type: 'Input.ChoiceSet', id: 'selection', isMultiSelect: true, style: 'expanded', label: question, choices }],
    [{ type: 'Action.Submit', title: submitLabel, data: { verb: ANSWER_VERB } }],
  );
}

/** A date picker with a skip button; answers with YYYY-MM-DD or the skip label. */
export function dateCard(question: string, submitLabel: string, skipLabel: string): Attachment {
  return questionCard(question, [{ type: 'Input.Date', id: 'date', label: question }], sendOrSkip(submitLabel, skipLabel));
}

function sendOrSkip(submitLabel: string, skipLabel: string): object[] {
  return [
    { type: 'Action.Submit', title: submitLabel, data: { verb: ANSWER_VERB } },
    { type: 'Action.Submit', title: skipLabel, data: { verb: ANSWER_VERB, answer: skipLabel } },
  ];
}

/** Suggested answers next to a free-text question; each button answers with its own label. */
export function suggestionCard(question: string, labels: readonly string[]): Attachment {
  return questionCard(question, [], labels.map((label) => ({ type: 'Action.Submit', title: label, data: { verb: ANSWER_VERB, answer: label } })));
}

/** Two date pickers (from, until) and a skip button; answers "YYYY-MM-DD - YYYY-MM-DD". */
export function periodCard(question: string, labels: { from: string; to: string; send: string; skip: string }): Attachment {
  return questionCard(
    question,
    [
      { type: 'Input.Date', id: 'from', label: labels.from },
      { type: 'Input.Date', id: 'to', label: labels.to },
    ],
    sendOrSkip(labels.send, labels.skip),
  );
}
