import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type BarrierKey, RANKED_BARRIERS } from '../domain/barriers.js';
import { barrierLabel } from './barrierLabels.js';
import { addCitizenPrompts, CHOICE_PROMPT, choiceOptions } from './prompts.js';
import type { BarrierView, CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const RANK_BARRIERS_DIALOG = 'rankBarriersDialog';
const FLOW = 'rankBarriersFlow';

export interface RankOptions {
  remaining: BarrierView[];
  ranked: BarrierKey[];
}

/** Asks "what matters most?", then "and next?", up to three; each answer is saved as it is given. */
export class RankBarriersDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(RANK_BARRIERS_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { remaining, ranked } = step.options as RankOptions;
    if (ranked.length >= RANKED_BARRIERS || remaining.length === 0) return step.endDialog(ranked);
    if (remaining.length === 1) return step.next(remaining[0]?.key);
    const t = citizenT(step.context);
    const specs = remaining.map((barrier) => ({ value: barrier.key, label: barrierLabel(barrier, t) }));
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t(ranked.length === 0 ? 'barriers.rankFirst' : 'barriers.rankNext'), specs));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { remaining, ranked } = step.options as RankOptions;
    const chosen = step.result as BarrierKey;
    const nextRanked = [...ranked, chosen];
    await this.services.barriers.rank(turnCitizen(step.context).citizenId, nextRanked);
    return step.replaceDialog(FLOW, {
      remaining: remaining.filter((barrier) => barrier.key !== chosen),
      ranked: nextRanked,
    } satisfies RankOptions);
  }
}
