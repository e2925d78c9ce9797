import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { barrierLabel } from './barrierLabels.js';
import { addCitizenPrompts, freeTextOptions, OPTIONAL_TEXT_PROMPT } from './prompts.js';
import type { BarrierView, CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const BARRIER_HELP_DIALOG = 'barrierHelpDialog';
const FLOW = 'barrierHelpFlow';

export interface BarrierHelpOptions {
  barriers: BarrierView[];
  index: number;
}

/** For each ranked barrier: "what would help?", in the citizen's own words, or skipped. */
export class BarrierHelpDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(BARRIER_HELP_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { barriers, index } = step.options as BarrierHelpOptions;
    const barrier = barriers[index];
    if (!barrier) return step.endDialog();
    const t = citizenT(step.context);
    return step.prompt(OPTIONAL_TEXT_PROMPT, freeTextOptions(step.context, t('barriers.askHelp', { barrier: barrierLabel(barrier, t) }), ['common.skip']));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { barriers, index } = step.options as BarrierHelpOptions;
    const text = step.result as string | null;
    const barrier = barriers[index];
    if (text && barrier) await this.services.barriers.setHelp(turnCitizen(step.context).citizenId, barrier.key, text);
    return step.replaceDialog(FLOW, { barriers, index: index + 1 } satisfies BarrierHelpOptions);
  }
}
