import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions, FREE_TEXT_PROMPT, stepValues } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT } from './turnCitizen.js';

export const GUIDED_GOAL_DIALOG = 'guidedGoalDialog';
const FLOW = 'guidedGoalFlow';

/** What a guided path produced: the goal in the citizen's words, and what led there. */
export interface GuidedGoal {
  text: string;
  origin: 'work' | 'wish';
  /** The wish path ends with a first small step. */
  firstStep?: string;
  /** Earlier work and what they liked about it, for the caseworker. */
  background?: string;
}

type Path = 'work' | 'wish';
const PATHS: ReadonlyArray<ChoiceSpec<Path>> = [
  { value: 'work', labelKey: 'goals.guided.work' },
  { value: 'wish', labelKey: 'goals.guided.wish' },
];

interface Values {
  path: Path;
  first: string;
  second: string;
}

/**
 * For citizens without a clear goal (seed 000): start from earlier work,
 * however long ago, or from a broad wish unrelated to work.
 */
export class GuidedGoalDialog extends ComponentDialog {
  constructor(services: CitizenServices) {
    super(GUIDED_GOAL_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(
      new WaterfallDialog(FLOW, [this.pathStep.bind(this), this.firstStep.bind(this), this.secondStep.bind(this), this.thirdStep.bind(this), this.doneStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async pathStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('goals.guidedChoice'), PATHS));
  }

  private async firstStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const path = step.result as Path;
    stepValues<Values>(step).path = path;
    return step.prompt(FREE_TEXT_PROMPT, { prompt: citizenT(step.context)(path === 'work' ? 'goals.askWork' : 'goals.askWish') });
  }

  private async secondStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    values.first = step.result as string;
    const key = values.path === 'work' ? 'goals.askWorkLiked' : 'goals.askWishStep';
    return step.prompt(FREE_TEXT_PROMPT, { prompt: citizenT(step.context)(key) });
  }

  private async thirdStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = stepValues<Values>(step);
    values.second = step.result as string;
    if (values.path === 'wish') {
      return step.endDialog({ text: values.first, origin: 'wish', firstStep: values.second } satisfies GuidedGoal);
    }
    return step.prompt(FREE_TEXT_PROMPT, { prompt: citizenT(step.context)('goals.askWorkGoal', { liked: values.second }) });
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { first, second } = stepValues<Values>(step);
    return step.endDialog({ text: step.result as string, origin: 'work', background: `${first} — ${second}` } satisfies GuidedGoal);
  }
}
