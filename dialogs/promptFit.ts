import type { DialogContext, DialogInstance, DialogState, PromptOptions } from 'botbuilder-dialogs';
import { ANSWER_VERB } from '../cards/answerCards.js';
import { type ChoiceOption, matchChoice, matchChoices } from '../domain/choices.js';
import { parseDate, parsePeriod } from '../domain/dates.js';
import { parseHours } from '../domain/hours.js';
import { CHOICE_PROMPT, DATE_PROMPT, FREE_TEXT_PROMPT, HOURS_PROMPT, isSkip, MULTI_CHOICE_PROMPT, OPTIONAL_TEXT_PROMPT, PERIOD_PROMPT } from './prompts.js';
import type { ShownPrompt } from './citizenPrompt.js';

/** What is open under a dialog context: the ids of the active dialogs, from it down, and the innermost one. */
export interface ActiveDialogs {
  ids: string[];
  /** The prompt a turn's message answers, however deep the dialogs are nested. */
  prompt: DialogInstance | undefined;
  /** The prompt's own context, for the few turns that act there (ask again, put an offer on top of it). */
  promptContext(): DialogContext;
}

/**
 * Read from the stored stacks: a component dialog keeps its inner stack in its state under `dialogs`
 * (botbuilder's persisted layout). Walking `DialogContext.child` instead builds a new context, with its
 * own state manager, at every step down: a tenth of a turn's allocation went to such contexts.
 */
export function activeDialogs(dc: DialogContext): ActiveDialogs {
  let prompt = dc.activeDialog;
  const ids = prompt ? [prompt.id] : [];
  for (let inner = innerStack(prompt); inner && inner.length > 0; inner = innerStack(prompt)) {
    prompt = inner[inner.length - 1] as DialogInstance;
    ids.push(prompt.id);
  }
  const promptContext = () => {
    let context = dc;
    for (let child = dc.child; child; child = child.child) context = child;
    return context;
  };
  return { ids, prompt, promptContext };
}

/** The inner stack a component dialog keeps in its state; undefined for any other dialog. */
export function innerStack(instance: DialogInstance | undefined): DialogInstance[] | undefined {
  return (instance?.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack;
}

/** Our prompt options, as kept in dialog state: the card's prompt id and what it shows travel with them. */
export type CitizenPromptOptions = PromptOptions & { promptId?: string; shown?: ShownPrompt };

export function promptOptionsOf(prompt: DialogInstance | undefined): CitizenPromptOptions | undefined {
  return (prompt?.state as { options?: CitizenPromptOptions } | undefined)?.options;
}

export const FREE_TEXT_PROMPTS: readonly string[] = [FREE_TEXT_PROMPT, OPTIONAL_TEXT_PROMPT];

/**
 * True when `text` is (or may be) an answer to the prompt waiting:
 * a choice's number or label, a date, hours, or any text where free text is
 * asked for. Pure checks only: the prompt's own validator still decides.
 */
export function answersPrompt(prompt: DialogInstance | undefined, text: string, now: Date, timeZone: string, menu: { id: string; also: (text: string) => boolean }): boolean {
  const id = prompt?.id;
  const validations = promptOptionsOf(prompt)?.validations as ChoiceOption[] | undefined;
  if (id === MULTI_CHOICE_PROMPT) return matchChoices(text, validations ?? []) !== undefined;
  if (id === CHOICE_PROMPT) return matchChoice(text, validations ?? []) !== undefined;
  if (id === menu.id) return matchChoice(text, validations ?? []) !== undefined || menu.also(text);
  if (text.length > 100) return id !== DATE_PROMPT && id !== PERIOD_PROMPT && id !== HOURS_PROMPT;
  if (id === DATE_PROMPT) return isSkip(text) || parseDate(text, now, timeZone) !== undefined;
  if (id === PERIOD_PROMPT) return isSkip(text) || parsePeriod(text, now, timeZone) !== undefined;
  if (id === HOURS_PROMPT) return isSkip(text) || parseHours(text) !== undefined;
  return true;
}

/** A tap on a card of an earlier question: its prompt id is not the one waiting. Typed text is never stale. */
export function isStaleTap(value: unknown, waitingPromptId: string | undefined): boolean {
  const tapped = (value as { verb?: unknown; promptId?: unknown } | undefined) ?? {};
  return tapped.verb === ANSWER_VERB && typeof tapped.promptId === 'string' && tapped.promptId !== waitingPromptId;
}
