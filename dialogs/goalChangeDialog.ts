import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions, FREE_TEXT_PROMPT, stepValues, YES_NO } from './prompts.js';
import type { CitizenServices, GoalView } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const GOAL_CHANGE_DIALOG = 'goalChangeDialog';
const FLOW = 'goalChangeFlow';

type Change = 'reword' | 'onHold' | 'resume' | 'reached' | 'drop' | 'back';
const change = (value: Change): ChoiceSpec<Change> => ({ value, labelKey: value === 'back' ? 'common.back' : `goals.goalChange.${value}` });

interface Values {
  goal: GoalView;
  change: Change;
}

/**
 * Goals change as experience grows (seed 002: "we try and adjust"): reword a
 * goal, put it on hold or take it up again, mark it reached (celebrated), or
 * drop it. The caseworker is told when a goal is reached or dropped.
 */
export class GoalChangeDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(GOAL_CHANGE_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.goalStep.bind(this), this.changeStep.bind(this), this.askStep.bind(this), this.applyStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async goals(step: WaterfallStepContext): Promise<GoalView[]> {
    return (await this.services.goals.list(turnCitizen(step.context).citizenId)).filter((goal) => goal.status !== 'ACHIEVED');
  }

  private async goalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const goals = await this.goals(step);
    if (goals.length === 0) {
      await step.context.sendActivity(citizenT(step.context)('goals.none'));
      return step.endDialog();
    }
    if (goals.length === 1) return step.next((goals[0] as GoalView).id);
    const specs = goals.map((goal) => ({ value: goal.id, label: goal.text }));
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, citizenT(step.context)('goals.chooseGoal'), specs));
  }

  private async changeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const goal = (await this.goals(step)).find((candidate) => candidate.id === step.result);
    if (!goal) return step.endDialog();
    stepValues<Values>(step).goal = goal;
    const changes = [change('reword'), change(goal.status === 'ON_HOLD' ? 'resume' : 'onHold'), change('reached'), change('drop'), change('back')];
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, citizenT(step.context)('goals.goalChange.what', { text: goal.text }), changes));
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    values.change = step.result as Change;
    const t = citizenT(step.context);
    const { citizenId } = turnCitizen(step.context);
    switch (values.change) {
      case 'reword':
        return step.prompt(FREE_TEXT_PROMPT, { prompt: t('goals.goalChange.askText') });
      case 'drop':
        return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('goals.goalChange.dropConfirm', { text: values.goal.text }), YES_NO));
      case 'onHold':
      case 'resume':
        await this.services.goals.updateGoal(citizenId, values.goal.id, { status: values.change === 'onHold' ? 'ON_HOLD' : 'ACTIVE' });
        await step.context.sendActivity(t(`goals.goalChange.${values.change}Done`));
        return step.endDialog();
      case 'reached':
        await this.services.goals.updateGoal(citizenId, values.goal.id, { status: 'ACHIEVED' });
        await step.context.sendActivity(t('goals.goalChange.celebrate', { text: values.goal.text }));
        await this.tellCaseworker(step, 'goal-reached');
        return step.endDialog();
      default:
        return step.endDialog();
    }
  }

  private async applyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { goal, change: chosen } = stepValues<Values>(step);
    const t = citizenT(step.context);
    const { citizenId } = turnCitizen(step.context);
    if (chosen === 'reword') {
      const text = step.result as string;
      await this.services.goals.updateGoal(citizenId, goal.id, { text });
      await step.context.sendActivity(t('goals.goalChange.reworded', { text }));
    } else if (step.result === 'yes') {
      await this.services.goals.updateGoal(citizenId, goal.id, { status: 'DROPPED' });
      await step.context.sendActivity(t('goals.goalChange.dropped'));
      await this.tellCaseworker(step, 'goal-dropped');
    } else {
      await step.context.sendActivity(t('goals.goalChange.kept'));
    }
    return step.endDialog();
  }

  /** A reached or dropped goal is news for the caseworker: the goal in the citizen's words. */
  private async tellCaseworker(step: WaterfallStepContext, kind: 'goal-reached' | 'goal-dropped'): Promise<void> {
    const { goal } = stepValues<Values>(step);
    const { citizenId } = turnCitizen(step.context);
    const receipt = await this.services.alerts.raise({ citizenId, kind, severity: 'NORMAL', facts: { goalId: goal.id }, citizenText: goal.text });
    await step.context.sendActivity(citizenT(step.context)('goals.toldCaseworker', { name: receipt.assigneeName }));
  }
}
