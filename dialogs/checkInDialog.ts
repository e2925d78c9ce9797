import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isoWeekOf } from '../domain/hours.js';
import { CHECK_IN_ITEM_DIALOG, CheckInItemDialog, type CheckInItemOptions } from './checkInItemDialog.js';
import { sendProgress } from './progressSummary.js';
import { addCitizenPrompts, CHOICE_PROMPT, choiceOptions, freeTextOptions, HOURS_PROMPT, stepValues, YES_NO } from './prompts.js';
import type { CitizenServices, OpenCheckIn } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const CHECK_IN_DIALOG = 'checkInDialog';
const FLOW = 'checkInFlow';

interface Values {
  open?: OpenCheckIn;
  checkInId: string;
}

/**
 * "How am I doing": the progression questions, one per message; then this
 * week's ordinary paid hours; then the progress. "stop" keeps every answer,
 * and the check-in can be resumed the same day.
 */
export class CheckInDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(CHECK_IN_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new CheckInItemDialog(services));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.resumeStep.bind(this), this.itemsStep.bind(this), this.hoursStep.bind(this), this.finishStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async resumeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const open = await this.services.checkIns.openToday(turnCitizen(step.context).citizenId);
    if (!open) return step.next('new');
    stepValues<Values>(step).open = open;
    if (open.answeredItemIds.length === 0) return step.next('yes');
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, citizenT(step.context)('checkIn.resume'), YES_NO));
  }

  private async itemsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    let plan = step.result === 'yes' ? values.open : undefined;
    if (!plan) {
      if (values.open) await this.services.checkIns.abandon(values.open.checkInId);
      plan = await this.services.checkIns.start(turnCitizen(step.context).citizenId);
      await step.context.sendActivity(citizenT(step.context)('checkIn.intro'));
    }
    values.checkInId = plan.checkInId;
    return step.beginDialog(CHECK_IN_ITEM_DIALOG, {
      checkInId: plan.checkInId,
      itemIds: plan.itemIds,
      answered: plan.answeredItemIds,
      position: 0,
    } satisfies CheckInItemOptions);
  }

  private async hoursStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { citizenId, timeZone } = turnCitizen(step.context);
    if (await this.services.checkIns.hoursReported(citizenId, isoWeekOf(this.services.now(), timeZone))) return step.next(null);
    return step.prompt(HOURS_PROMPT, freeTextOptions(step.context, citizenT(step.context)('checkIn.askHours'), ['common.skip']));
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { citizenId, timeZone } = turnCitizen(step.context);
    const hours = step.result as number | null;
    if (hours !== null) await this.services.checkIns.recordHours(citizenId, isoWeekOf(this.services.now(), timeZone), hours);
    await this.services.checkIns.finish(stepValues<Values>(step).checkInId);
    await step.context.sendActivity(citizenT(step.context)('checkIn.thanks'));
    await this.services.progress.afterCheckIn(citizenId);
    await sendProgress(step.context, this.services);
    return step.endDialog();
  }
}
