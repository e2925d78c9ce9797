import { type Activity, type Attachment, InputHints, MessageFactory, type TurnContext } from 'botbuilder';
import { type PromptOptions, TextPrompt } from 'botbuilder-dialogs';
import { choiceCard, dateCard, multiChoiceCard, periodCard, showsCards, suggestionCard } from '../cards/answerCards.js';
import type { CitizenPromptOptions } from './promptFit.js';
import { citizenT } from './turnCitizen.js';

/**
 * What a citizen prompt shows, kept in its options in place of the rendered message and rendered
 * each time it is shown (`renderPrompt`). Dialog state is read, hashed, sealed and written on every
 * turn; with the card in it, a check-in question's state was 3.8 KB, without it 1.7 KB (measured).
 */
export type ShownPrompt =
  | {
      kind: 'choice';
      question: string;
      labels: string[];
      /** After a quiet first line (the prompt's own `prompt`), a retry shows the whole question. */
      wholeOnRetry?: boolean;
    }
  | { kind: 'multiChoice'; question: string; labels: string[]; hint: string }
  | { kind: 'date'; question: string }
  | { kind: 'period'; question: string }
  | { kind: 'suggestions'; question: string; labels: string[] };

/**
 * The message a prompt shows: a card where the channel shows cards, else the card's text equivalent.
 * A retry of a choice says only what to do, since the question is still on screen.
 */
export function renderPrompt(context: TurnContext, promptId: string, shown: ShownPrompt, isRetry: boolean): Partial<Activity> | string {
  const t = citizenT(context);
  const cards = showsCards(context.activity.channelId);
  const as = (text: string, card: () => Attachment) => (cards ? MessageFactory.attachment(card()) : MessageFactory.text(text));
  switch (shown.kind) {
    case 'choice':
      if (isRetry && !shown.wholeOnRetry) return cards ? t('common.notUnderstood') : listText(t('common.notUnderstood'), shown.labels, '');
      return as(listText(shown.question, shown.labels, t('common.chooseHint')), () => choiceCard(shown.question, shown.labels, promptId));
    case 'multiChoice':
      if (isRetry) return `${t('common.notUnderstood')} ${shown.hint}`;
      return as(listText(shown.question, shown.labels, shown.hint), () => multiChoiceCard(shown.question, shown.labels, t('common.send'), promptId));
    case 'date':
      return as(shown.question, () => dateCard(shown.question, t('common.send'), t('common.skip'), promptId));
    case 'period': {
      const labels = { from: t('common.from'), to: t('common.to'), send: t('common.send'), skip: t('common.skip') };
      return as(shown.question, () => periodCard(shown.question, labels, promptId));
    }
    case 'suggestions':
      return as(listText(shown.question, [], shown.labels.join(' · ')), () => suggestionCard(shown.question, shown.labels, promptId));
  }
}

function listText(question: string, labels: string[], hint: string): string {
  return [question, labels.map((label, index) => `${index + 1}. ${label}`).join('\n'), hint].filter(Boolean).join('\n\n');
}

/**
 * A text prompt whose question is rendered each time it is shown, from what its options keep
 * (`ShownPrompt`). A `prompt` or `retryPrompt` given in the options is sent as it is, before that.
 */
export class CitizenPrompt extends TextPrompt {
  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const { shown, promptId } = options as CitizenPromptOptions;
    if (!shown) return super.onPrompt(context, state, options, isRetry);
    const given = isRetry ? options.retryPrompt : options.prompt;
    await context.sendActivity(given ?? renderPrompt(context, promptId ?? '', shown, isRetry), undefined, InputHints.ExpectingInput);
  }
}
