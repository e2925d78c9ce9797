import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { describeDate } from '../domain/dueWords.js';
import { ADD_STEP_DIALOG, AddStepDialog } from './addStepDialog.js';
import { GOAL_CHANGE_DIALOG, GoalChangeDialog } from './goalChangeDialog.js';
import { NEW_GOAL_DIALOG, NewGoalDialog } from './newGoalDialog.js';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions } from './prompts.js';
import type { CitizenServices, GoalView } from './services.js';
import { STEP_ACTION_DIALOG, type StepAction, StepActionDialog, type StepActionOptions } from './stepActionDialog.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const GOALS_DIALOG = 'goalsDialog';
const FLOW = 'goalsFlow';

type GoalAction = 'newGoal' | 'addStep' | StepAction | 'changeGoal' | 'back';
const ACTIONS: ReadonlyArray<ChoiceSpec<GoalAction>> = [
  { value: 'newGoal', labelKey: 'goals.action.newGoal' },
  { value: 'addStep', labelKey: 'goals.action.addStep' },
  { value: 'markDone', labelKey: 'goals.action.markDone' },
  { value: 'changeStep', labelKey: 'goals.action.changeStep' },
  { value: 'dropStep', labelKey: 'goals.action.dropStep' },
  { value: 'changeGoal', labelKey: 'goals.action.changeGoal' },
  { value: 'back', labelKey: 'common.back' },
];

/** The citizen's goals with their small steps; completed steps stay visible as progress. */
export function goalsOverview(goals: GoalView[], t: TFunction, locale: 'da' | 'en'): string {
  const lines = goals.flatMap((goal) => [
    goal.status === 'ACTIVE' ? `**${goal.text}**` : `**${goal.text}** ${t(`goals.status.${goal.status}`)}`,
    ...goal.steps.map((step) => {
      if (step.status === 'DONE') return t('goals.stepDone', { text: step.text });
      if (step.dueDate) return t('goals.stepDue', { text: step.text, date: describeDate(step.dueDate, locale) });
      return t('goals.stepOpen', { text: step.text });
    }),
  ]);
  return `${t('goals.listTitle')}\n\n${lines.join('\n')}`;
}

/** "My goals": see them, add a goal or a small step, mark a step done, change or drop one, change a goal itself. */
export class GoalsDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(GOALS_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new NewGoalDialog(services));
    this.addDialog(new AddStepDialog(services));
    this.addDialog(new StepActionDialog(services));
    this.addDialog(new GoalChangeDialog(services));
    this.addDialog(new WaterfallDialog(FLOW, [this.overviewStep.bind(this), this.actStep.bind(this), this.doneStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async overviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { citizenId, locale } = turnCitizen(step.context);
    const goals = await this.services.goals.list(citizenId);
    if (goals.length === 0) {
      await step.context.sendActivity(t('goals.none'));
      return step.next('newGoal');
    }
    await step.context.sendActivity(goalsOverview(goals, t, locale));
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('goals.whatNow'), ACTIONS));
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const action = step.result as GoalAction;
    switch (action) {
      case 'newGoal':
        return step.beginDialog(NEW_GOAL_DIALOG);
      case 'addStep':
        return step.beginDialog(ADD_STEP_DIALOG);
      case 'changeGoal':
        return step.beginDialog(GOAL_CHANGE_DIALOG);
      case 'back':
        return step.endDialog();
      default:
        return step.beginDialog(STEP_ACTION_DIALOG, { action } satisfies StepActionOptions);
    }
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
