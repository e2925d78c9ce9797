import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { describeDate } from '../domain/dueWords.js';
import {
  addCitizenPrompts,
  CHOICE_PROMPT,
  type ChoiceSpec,
  choiceOptions,
  DATE_PROMPT,
  dateOptions,
  FREE_TEXT_PROMPT,
  stepValues,
} from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const STEP_ACTION_DIALOG = 'stepActionDialog';
const FLOW = 'stepActionFlow';

export type StepAction = 'markDone' | 'changeStep' | 'dropStep';
export interface StepActionOptions {
  action: StepAction;
}

type ChangeField = 'text' | 'due';
const CHANGE_FIELDS: ReadonlyArray<ChoiceSpec<ChangeField>> = [
  { value: 'text', labelKey: 'goals.change.text' },
  { value: 'due', labelKey: 'goals.change.due' },
];

interface Values {
  action: StepAction;
  stepId: string;
  field: ChangeField;
}

/** Mark a small step done (with a short celebration), change it, or drop it. */
export class StepActionDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(STEP_ACTION_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(
      new WaterfallDialog(FLOW, [this.chooseStep.bind(this), this.actStep.bind(this), this.askChangeStep.bind(this), this.saveChangeStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { locale, citizenId } = turnCitizen(step.context);
    stepValues<Values>(step).action = (step.options as StepActionOptions).action;
    const goals = await this.services.goals.list(citizenId);
    const open = goals.flatMap((goal) => goal.steps.filter((s) => s.status === 'OPEN'));
    if (open.length === 0) {
      await step.context.sendActivity(t('goals.noOpenSteps'));
      return step.endDialog();
    }
    const specs = open.map((s) => ({ value: s.id, label: s.dueDate ? `${s.text} (${describeDate(s.dueDate, locale)})` : s.text }));
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('goals.chooseStep'), specs));
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { citizenId } = turnCitizen(step.context);
    const values = stepValues<Values>(step);
    values.stepId = step.result as string;
    switch (values.action) {
      case 'markDone':
        await this.services.goals.updateStep(citizenId, values.stepId, { status: 'DONE' });
        await step.context.sendActivity(t('goals.celebrate'));
        return step.endDialog();
      case 'dropStep':
        await this.services.goals.updateStep(citizenId, values.stepId, { status: 'DROPPED' });
        await step.context.sendActivity(t('goals.dropped'));
        return step.endDialog();
      case 'changeStep':
        return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('goals.changeWhat'), CHANGE_FIELDS));
    }
  }

  private async askChangeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const field = step.result as ChangeField;
    stepValues<Values>(step).field = field;
    if (field === 'text') return step.prompt(FREE_TEXT_PROMPT, { prompt: t('goals.askNewText') });
    return step.prompt(DATE_PROMPT, dateOptions(t('goals.askDue')));
  }

  private async saveChangeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { citizenId } = turnCitizen(step.context);
    const values = stepValues<Values>(step);
    const change = values.field === 'text' ? { text: step.result as string } : { dueDate: step.result as string | null };
    await this.services.goals.updateStep(citizenId, values.stepId, change);
    await step.context.sendActivity(citizenT(step.context)('goals.changed'));
    return step.endDialog();
  }
}
