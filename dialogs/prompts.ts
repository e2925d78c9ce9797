import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { ComponentDialog, PromptValidatorContext } from 'botbuilder-dialogs';
import { CitizenPrompt, type ShownPrompt } from './citizenPrompt.js';
import { type ChoiceOption, matchChoice, matchChoices } from '../domain/choices.js';
import { parseDate, parsePeriod, todayIn } from '../domain/dates.js';
import { freeTextProblem, MAX_FREE_TEXT } from '../domain/goalMoments.js';
import { parseHours } from '../domain/hours.js';
import { translator } from '../locales/i18n.js';
import type { CitizenPromptOptions } from './promptFit.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const CHOICE_PROMPT = 'choicePrompt';
export const MULTI_CHOICE_PROMPT = 'multiChoicePrompt';
export const FREE_TEXT_PROMPT = 'freeTextPrompt';
export const OPTIONAL_TEXT_PROMPT = 'optionalTextPrompt';
export const DATE_PROMPT = 'datePrompt';
export const PERIOD_PROMPT = 'periodPrompt';
export const HOURS_PROMPT = 'hoursPrompt';

/** A choice as shown: a value and the i18n key of its label. Both languages' labels select it. */
export interface ChoiceSpec<V extends string = string> {
  value: V;
  /** An i18n key for fixed choices, or `label` for the citizen's own words (a goal, a step). */
  labelKey?: string;
  label?: string;
  /** Other words that select it, in either language ("ja tak", "ok"). */
  also?: readonly string[];
}

function optionsFrom<V extends string>(specs: ReadonlyArray<ChoiceSpec<V>>): ChoiceOption<V>[] {
  const da = translator('da');
  const en = translator('en');
  return specs.map((spec) => ({
    value: spec.value,
    labels: [...(spec.labelKey ? [da(spec.labelKey), en(spec.labelKey)] : [spec.label ?? '']), ...(spec.also ?? [])],
  }));
}

function labelOf(spec: ChoiceSpec, t: (key: string) => string): string {
  return spec.labelKey ? t(spec.labelKey) : (spec.label ?? '');
}

/** Identifies one showing of a prompt; its card's submits carry it, so a tap on an older card is recognised. */
function newPromptId(): string {
  return randomUUID().slice(0, 8);
}

/**
 * Prompt options for one choice among several: a card with a tappable row per
 * option, or the same list as text. `alsoAccepted`: choices not shown that
 * their words still select (the rest of a short menu).
 */
export function choiceOptions<V extends string>(
  context: TurnContext,
  question: string,
  specs: ReadonlyArray<ChoiceSpec<V>>,
  alsoAccepted: ReadonlyArray<ChoiceSpec<V>> = [],
): CitizenPromptOptions & { shown: Extract<ShownPrompt, { kind: 'choice' }> } {
  const t = citizenT(context);
  return {
    promptId: newPromptId(),
    shown: { kind: 'choice', question, labels: specs.map((spec) => labelOf(spec, t)) },
    // Numbers select only what is shown; words select the rest too.
    validations: [...optionsFrom(specs), ...optionsFrom(alsoAccepted).map((option) => ({ ...option, byWordsOnly: true }))],
  };
}

/** Prompt options for several choices from one list ("1, 4, 7"). */
export function multiChoiceOptions<V extends string>(
  context: TurnContext,
  question: string,
  specs: ReadonlyArray<ChoiceSpec<V>>,
  hint: string,
): CitizenPromptOptions {
  const t = citizenT(context);
  return {
    promptId: newPromptId(),
    shown: { kind: 'multiChoice', question, labels: specs.map((spec) => labelOf(spec, t)), hint },
    validations: optionsFrom(specs),
  };
}

/** Prompt options for a date that may be skipped: a date picker, or typed in Danish or English. */
export function dateOptions(question: string): CitizenPromptOptions {
  return { promptId: newPromptId(), shown: { kind: 'date', question } };
}

/** Prompt options for an optional period: two date pickers, or typed ("fra i går til fredag"). */
export function periodOptions(question: string): CitizenPromptOptions {
  return { promptId: newPromptId(), shown: { kind: 'period', question } };
}

/** A free-text question with suggested answers as buttons (e.g. "I don't know yet"). */
export function freeTextOptions(context: TurnContext, question: string, suggestionKeys: readonly string[] = []): CitizenPromptOptions {
  if (suggestionKeys.length === 0) return { prompt: question };
  const t = citizenT(context);
  return { promptId: newPromptId(), shown: { kind: 'suggestions', question, labels: suggestionKeys.map((key) => t(key)) } };
}

/** True when the text is one of the suggestion's labels, in either language. */
export function isSuggestion(text: string, labelKey: string): boolean {
  return matchChoice(text, optionsFrom([{ value: 'match', labelKey }])) === 'match';
}

export const isSkip = (text: string) => matchChoice(text, optionsFrom([{ value: 'skip', labelKey: 'common.skip' }])) === 'skip';

/** Adds the citizen prompts to a dialog. Validators tell the citizen what to fix and keep the question open. */
export function addCitizenPrompts(dialog: ComponentDialog, services: CitizenServices): void {
  dialog.addDialog(
    new CitizenPrompt(CHOICE_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      const choice = matchChoice(prompt.recognized.value ?? '', prompt.options.validations as ChoiceOption[]);
      if (choice) prompt.recognized.value = choice;
      return choice !== undefined;
    }),
  );
  dialog.addDialog(
    new CitizenPrompt(MULTI_CHOICE_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      const choices = matchChoices(prompt.recognized.value ?? '', prompt.options.validations as ChoiceOption[]);
      if (choices) (prompt.recognized as { value: unknown }).value = choices;
      return choices !== undefined;
    }),
  );
  const freeText = (optional: boolean) => async (prompt: PromptValidatorContext<string>) => {
    const text = prompt.recognized.value ?? '';
    if (optional && isSkip(text)) {
      (prompt.recognized as { value: unknown }).value = null;
      return true;
    }
    const problem = freeTextProblem(text);
    if (!problem) {
      prompt.recognized.value = text.trim();
      return true;
    }
    const t = citizenT(prompt.context);
    await prompt.context.sendActivity(problem === 'tooLong' ? t('common.tooLong', { max: MAX_FREE_TEXT }) : t('common.needWords'));
    return false;
  };
  dialog.addDialog(new CitizenPrompt(FREE_TEXT_PROMPT, freeText(false)));
  dialog.addDialog(new CitizenPrompt(OPTIONAL_TEXT_PROMPT, freeText(true)));
  addPeriodPrompt(dialog, services);
  dialog.addDialog(
    new CitizenPrompt(HOURS_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      const text = prompt.recognized.value ?? '';
      if (isSkip(text)) {
        (prompt.recognized as { value: unknown }).value = null;
        return true;
      }
      const hours = parseHours(text);
      if (hours === undefined) {
        await prompt.context.sendActivity(citizenT(prompt.context)('checkIn.hoursInvalid'));
        return false;
      }
      (prompt.recognized as { value: unknown }).value = hours;
      return true;
    }),
  );
  dialog.addDialog(
    new CitizenPrompt(DATE_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      const text = prompt.recognized.value ?? '';
      if (isSkip(text)) {
        (prompt.recognized as { value: unknown }).value = null;
        return true;
      }
      const t = citizenT(prompt.context);
      const now = services.now();
      const { timeZone } = turnCitizen(prompt.context);
      const date = text.length <= 100 ? parseDate(text, now, timeZone) : undefined;
      if (!date) {
        await prompt.context.sendActivity(t('goals.dueInvalid'));
        return false;
      }
      if (date < todayIn(timeZone, now)) {
        await prompt.context.sendActivity(t('goals.duePast'));
        return false;
      }
      prompt.recognized.value = date;
      return true;
    }),
  );
}

/** A period prompt: answers `Period`, or null when skipped. */
function addPeriodPrompt(dialog: ComponentDialog, services: CitizenServices): void {
  dialog.addDialog(
    new CitizenPrompt(PERIOD_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      const text = prompt.recognized.value ?? '';
      if (isSkip(text)) {
        (prompt.recognized as { value: unknown }).value = null;
        return true;
      }
      const period = text.length <= 100 ? parsePeriod(text, services.now(), turnCitizen(prompt.context).timeZone) : undefined;
      if (!period) {
        await prompt.context.sendActivity(citizenT(prompt.context)('urgent.periodInvalid'));
        return false;
      }
      (prompt.recognized as { value: unknown }).value = period;
      return true;
    }),
  );
}

/** The yes/no choice used across dialogs. */
export const YES_NO: ReadonlyArray<ChoiceSpec<'yes' | 'no'>> = [
  { value: 'yes', labelKey: 'common.yes', also: ['ja tak', 'jo', 'ok', 'okay', 'gerne', 'yes please', 'yep', 'sure'] },
  { value: 'no', labelKey: 'common.no', also: ['nej tak', 'ikke nu', 'no thanks', 'nope', 'not now'] },
];

/**
 * A waterfall's saved answers, typed. Each field is set by an earlier step
 * before a later one reads it. botbuilder keeps `step.values` in dialog state,
 * so they survive restarts.
 */
export function stepValues<T extends object>(step: { values: object }): T {
  return step.values as T;
}
