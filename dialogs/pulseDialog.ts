import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isoWeekOf } from '../domain/hours.js';
import { addCitizenPrompts, freeTextOptions, HOURS_PROMPT, OPTIONAL_TEXT_PROMPT } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const PULSE_DIALOG = 'pulseDialog';
const FLOW = 'pulseFlow';

/** The weekly pulse: this week's ordinary paid hours, and anything the caseworker should know. */
export class PulseDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(PULSE_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.hoursStep.bind(this), this.newsStep.bind(this), this.doneStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async hoursStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(HOURS_PROMPT, freeTextOptions(step.context, citizenT(step.context)('checkIn.askHours'), ['common.skip']));
  }

  private async newsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { citizenId, timeZone } = turnCitizen(step.context);
    const hours = step.result as number | null;
    if (hours !== null) await this.services.checkIns.recordHours(citizenId, isoWeekOf(this.services.now(), timeZone), hours);
    return step.prompt(OPTIONAL_TEXT_PROMPT, freeTextOptions(step.context, citizenT(step.context)('pulse.askNews'), ['common.skip']));
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.result as string | null;
    if (text) {
      const { citizenId } = turnCitizen(step.context);
      await this.services.alerts.raise({ citizenId, kind: 'message', severity: 'NORMAL', citizenText: text });
    }
    await step.context.sendActivity(citizenT(step.context)('pulse.thanks'));
    return step.endDialog();
  }
}
