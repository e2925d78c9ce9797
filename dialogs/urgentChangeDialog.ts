import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Period } from '../domain/dates.js';
import { MAX_FREE_TEXT } from '../domain/goalMoments.js';
import { truncateGraphemes } from '../domain/safeText.js';
import { describeDate, describePeriod, receiptWords } from '../domain/dueWords.js';
import { URGENT_CHANGE_KINDS, type UrgentChangeKind } from '../domain/urgentChanges.js';
import {
  addCitizenPrompts,
  CHOICE_PROMPT,
  choiceOptions,
  freeTextOptions,
  OPTIONAL_TEXT_PROMPT,
  PERIOD_PROMPT,
  periodOptions,
  stepValues,
  YES_NO,
} from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const URGENT_CHANGE_DIALOG = 'urgentChangeDialog';
const FLOW = 'urgentChangeFlow';

export interface UrgentChangeOptions {
  /** Known when the citizen's own words named it ("jeg er blevet syg"). */
  kind?: UrgentChangeKind;
  /** Those words: they become the description, so the citizen need not repeat themself. */
  text?: string;
}

/** Kinds where "from when, until when" helps the caseworker act. */
const PERIOD_KINDS: readonly UrgentChangeKind[] = ['illness', 'family', 'other'];
const KINDS = URGENT_CHANGE_KINDS.map((kind) => ({ value: kind, labelKey: `urgent.kind.${kind}` }));

interface Values {
  kind: UrgentChangeKind;
  period: Period | null;
  description: string | null;
}

/**
 * "Something has changed": what, optionally when and a few words, a
 * confirmation, then the alert, and a receipt naming who got it and by when
 * to expect an answer: the loop that makes citizens tell more, earlier.
 */
export class UrgentChangeDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(URGENT_CHANGE_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.kindStep.bind(this),
        this.periodStep.bind(this),
        this.descriptionStep.bind(this),
        this.confirmStep.bind(this),
        this.sendStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async kindStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { kind } = (step.options ?? {}) as UrgentChangeOptions;
    if (kind) return step.next(kind);
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, citizenT(step.context)('urgent.chooseKind'), KINDS));
  }

  private async periodStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    values.kind = step.result as UrgentChangeKind;
    if (!PERIOD_KINDS.includes(values.kind)) return step.next(null);
    return step.prompt(PERIOD_PROMPT, periodOptions(citizenT(step.context)('urgent.askPeriod')));
  }

  private async descriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    stepValues<Values>(step).period = step.result as Period | null;
    const { text } = (step.options ?? {}) as UrgentChangeOptions;
    if (text) return step.next(truncateGraphemes(text.trim(), MAX_FREE_TEXT));
    const t = citizenT(step.context);
    return step.prompt(OPTIONAL_TEXT_PROMPT, freeTextOptions(step.context, t('urgent.askDescription'), ['common.skip']));
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    values.description = step.result as string | null;
    const t = citizenT(step.context);
    const { citizenId, locale } = turnCitizen(step.context);
    const profile = await this.services.profiles.get(citizenId);
    const period = values.period
      ? values.period.to
        ? t('urgent.periodRange', { period: describePeriod(values.period.from, values.period.to, locale) })
        : t('urgent.period', { from: describeDate(values.period.from, locale) })
      : '';
    const question = t('urgent.confirm', {
      name: profile.caseworkerName,
      kind: t(`urgent.kind.${values.kind}`),
      period,
      // Paragraphs, so each part keeps its own line in every channel's Markdown.
      description: values.description ? `\n\n"${values.description}"` : '',
    });
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, question, YES_NO));
  }

  private async sendStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    if (step.result !== 'yes') {
      await step.context.sendActivity(t('urgent.notSent'));
      return step.endDialog();
    }
    const { kind, period, description } = stepValues<Values>(step);
    const { citizenId, locale, timeZone } = turnCitizen(step.context);
    const receipt = await this.services.alerts.raise({
      citizenId,
      kind,
      severity: await this.services.severityOf(citizenId, kind),
      facts: { ...(period ? { from: period.from, ...(period.to ? { to: period.to } : {}) } : {}) },
      ...(description ? { citizenText: description } : {}),
    });
    await step.context.sendActivity(t('receipt.sent', receiptWords(receipt, this.services.now(), timeZone, locale)));
    return step.endDialog();
  }
}
