import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { sendProgress } from './progressSummary.js';
import type { CitizenServices } from './services.js';

export const PROGRESS_DIALOG = 'progressDialog';
const FLOW = 'progressFlow';

/** "My progress": the latest check-in against the previous one, over time, and the weekly hours. */
export class ProgressDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(PROGRESS_DIALOG);
    this.addDialog(new WaterfallDialog(FLOW, [this.showStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await sendProgress(step.context, this.services);
    return step.endDialog();
  }
}
