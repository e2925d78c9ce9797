import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { describeDue } from '../domain/dueWords.js';
import { classifyGoalStatement, soundsUnsure } from '../domain/goalMoments.js';
import { ADD_STEP_DIALOG, AddStepDialog, type AddStepOptions } from './addStepDialog.js';
import { GUIDED_GOAL_DIALOG, type GuidedGoal, GuidedGoalDialog } from './guidedGoalDialog.js';
import {
  addCitizenPrompts,
  CHOICE_PROMPT,
  choiceOptions,
  FREE_TEXT_PROMPT,
  freeTextOptions,
  isSuggestion,
  stepValues,
  YES_NO,
} from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const NEW_GOAL_DIALOG = 'newGoalDialog';
const FLOW = 'newGoalFlow';

/**
 * A goal in the citizen's own words, or found together through a guided path.
 * Saved at once, and the caseworker hears about it: a stated goal or an
 * internship is a moment where a fast reaction matters (seed 000).
 */
export class NewGoalDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(NEW_GOAL_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new GuidedGoalDialog(services));
    this.addDialog(new AddStepDialog(services));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.askStep.bind(this), this.routeStep.bind(this), this.saveStep.bind(this), this.nextStep.bind(this), this.doneStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    return step.prompt(FREE_TEXT_PROMPT, freeTextOptions(step.context, t('goals.askGoal'), ['goals.dontKnow']));
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.result as string;
    if (isSuggestion(text, 'goals.dontKnow') || soundsUnsure(text)) return step.beginDialog(GUIDED_GOAL_DIALOG);
    return step.next({ text, origin: 'own' });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { citizenId, locale, timeZone } = turnCitizen(step.context);
    const goal = step.result as GuidedGoal | { text: string; origin: 'own'; firstStep?: undefined; background?: undefined };
    const saved = await this.services.goals.addGoal(citizenId, goal.text, goal.origin);
    stepValues<{ goalId: string }>(step).goalId = saved.id;
    await step.context.sendActivity(t('goals.saved', { text: goal.text }));

    const receipt = await this.services.alerts.raise({
      citizenId,
      kind: classifyGoalStatement(goal.text),
      severity: 'NORMAL',
      facts: { goalId: saved.id, origin: goal.origin },
      citizenText: goal.background ? `${goal.text}\n(${goal.background})` : goal.text,
    });
    const due = describeDue(receipt.dueAt, this.services.now(), timeZone, locale);
    await step.context.sendActivity(t('goals.toldCaseworkerDue', { name: receipt.assigneeName, due }));

    if (goal.firstStep) {
      await this.services.goals.addStep(citizenId, saved.id, goal.firstStep, null);
      await step.context.sendActivity(t('goals.stepSaved'));
    }
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('goals.addStepNow'), YES_NO));
  }

  private async nextStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') return step.endDialog();
    return step.beginDialog(ADD_STEP_DIALOG, { goalId: stepValues<{ goalId: string }>(step).goalId } satisfies AddStepOptions);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
