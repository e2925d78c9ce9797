import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { BARRIER_KEYS, type BarrierKey } from '../domain/barriers.js';
import { BARRIER_HELP_DIALOG, BarrierHelpDialog, type BarrierHelpOptions } from './barrierHelpDialog.js';
import { barrierLabel } from './barrierLabels.js';
import {
  addCitizenPrompts,
  CHOICE_PROMPT,
  choiceOptions,
  FREE_TEXT_PROMPT,
  MULTI_CHOICE_PROMPT,
  multiChoiceOptions,
  stepValues,
  YES_NO,
} from './prompts.js';
import { RANK_BARRIERS_DIALOG, RankBarriersDialog, type RankOptions } from './rankBarriersDialog.js';
import type { BarrierView, CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const BARRIERS_DIALOG = 'barriersDialog';
const FLOW = 'barriersFlow';

const CATALOGUE = BARRIER_KEYS.map((key) => ({ value: key, labelKey: `barriers.catalogue.${key}` }));

interface Values {
  chosen: BarrierKey[];
}

/**
 * "What stands in my way": the citizen's own view of their barriers (seed 000,
 * hypothesis 3). Choose any, rank the top three, say what would help.
 */
export class BarriersDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(BARRIERS_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new RankBarriersDialog(services));
    this.addDialog(new BarrierHelpDialog(services));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.currentStep.bind(this),
        this.chooseStep.bind(this),
        this.otherStep.bind(this),
        this.rankStep.bind(this),
        this.helpStep.bind(this),
        this.doneStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async currentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const current = await this.services.barriers.current(turnCitizen(step.context).citizenId);
    if (current.length === 0) return step.next('yes');
    const list = current.map((barrier, index) => `${index + 1}. ${barrierLabel(barrier, t)}${barrier.whatWouldHelp ? ` — ${barrier.whatWouldHelp}` : ''}`);
    await step.context.sendActivity(`${t('barriers.current')}\n\n${list.join('\n')}`);
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('barriers.change'), YES_NO));
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') return step.endDialog();
    const t = citizenT(step.context);
    return step.prompt(MULTI_CHOICE_PROMPT, multiChoiceOptions(step.context, t('barriers.intro'), CATALOGUE, t('barriers.chooseHint')));
  }

  private async otherStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = step.result as BarrierKey[];
    stepValues<Values>(step).chosen = chosen;
    // Saved now, before any follow-up question, so leaving halfway loses nothing.
    await this.services.barriers.choose(turnCitizen(step.context).citizenId, chosen.map((key) => ({ key })));
    if (!chosen.includes('other')) return step.next(null);
    return step.prompt(FREE_TEXT_PROMPT, { prompt: citizenT(step.context)('barriers.askOther') });
  }

  private async rankStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { citizenId } = turnCitizen(step.context);
    const { chosen } = stepValues<Values>(step);
    const otherText = step.result as string | null;
    if (otherText) {
      await this.services.barriers.choose(citizenId, chosen.map((key) => (key === 'other' ? { key, otherText } : { key })));
    }
    const remaining = await this.services.barriers.current(citizenId);
    return step.beginDialog(RANK_BARRIERS_DIALOG, { remaining, ranked: [] } satisfies RankOptions);
  }

  private async helpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ranked = step.result as BarrierKey[];
    const current = await this.services.barriers.current(turnCitizen(step.context).citizenId);
    const barriers = ranked
      .map((key) => current.find((barrier) => barrier.key === key))
      .filter((barrier): barrier is BarrierView => barrier !== undefined);
    return step.beginDialog(BARRIER_HELP_DIALOG, { barriers, index: 0 } satisfies BarrierHelpOptions);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(citizenT(step.context)('barriers.saved'));
    return step.endDialog();
  }
}
