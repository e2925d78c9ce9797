import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { describeDate } from '../domain/dueWords.js';
import { addCitizenPrompts, CHOICE_PROMPT, choiceOptions, DATE_PROMPT, dateOptions, FREE_TEXT_PROMPT, stepValues } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const ADD_STEP_DIALOG = 'addStepDialog';
const FLOW = 'addStepFlow';

export interface AddStepOptions {
  goalId?: string;
}

interface Values {
  goalId: string;
  stepId: string;
}

/** A small step under a goal, with an optional due date. The step is saved as soon as it is named. */
export class AddStepDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(ADD_STEP_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(
      new WaterfallDialog(FLOW, [this.goalStep.bind(this), this.textStep.bind(this), this.dueStep.bind(this), this.saveStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async goalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { goalId } = (step.options ?? {}) as AddStepOptions;
    if (goalId) return step.next(goalId);
    const goals = await this.services.goals.list(turnCitizen(step.context).citizenId);
    if (goals.length === 1) return step.next(goals[0]?.id);
    const specs = goals.map((goal) => ({ value: goal.id, label: goal.text }));
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, citizenT(step.context)('goals.chooseGoal'), specs));
  }

  private async textStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    stepValues<Values>(step).goalId = step.result as string;
    return step.prompt(FREE_TEXT_PROMPT, { prompt: citizenT(step.context)('goals.askStep') });
  }

  private async dueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    const { citizenId } = turnCitizen(step.context);
    const saved = await this.services.goals.addStep(citizenId, values.goalId, step.result as string, null);
    values.stepId = saved.id;
    return step.prompt(DATE_PROMPT, dateOptions(citizenT(step.context)('goals.askDue')));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { citizenId, locale } = turnCitizen(step.context);
    const dueDate = step.result as string | null;
    if (!dueDate) {
      await step.context.sendActivity(t('goals.stepSaved'));
      return step.endDialog();
    }
    await this.services.goals.updateStep(citizenId, stepValues<Values>(step).stepId, { dueDate });
    await step.context.sendActivity(t('goals.stepSavedDue', { date: describeDate(dueDate, locale) }));
    return step.endDialog();
  }
}
