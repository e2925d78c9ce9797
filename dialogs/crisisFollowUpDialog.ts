import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type FollowUpAnswer, parseFollowUpAnswer } from '../domain/crisis/followUp.js';
import { translator } from '../locales/i18n.js';

export const CRISIS_FOLLOW_UP_DIALOG = 'crisisFollowUp';
const FLOW = 'crisisFollowUpFlow';
const ANSWER_PROMPT = 'crisisAnswer';

/** Why the caseworker must hear at once: the person is not safe, does not know, or said yes to a screening question. */
export type FollowUpEscalation = 'not-safe' | 'unsure' | 'screening-yes';

/** What the follow-up needs from the running service: telling the caseworker (and saying so), for enrolled citizens. */
export interface CrisisEscalation {
  escalate(context: TurnContext, reason: FollowUpEscalation): Promise<void>;
}

export interface CrisisFollowUpOptions {
  tier: 'clear' | 'possible';
  locale: 'da' | 'en';
}

interface FlowValues {
  screeningYes?: boolean;
}

/**
 * The question that keeps the person talking after the safety message. A clear risk asks
 * "Er du i sikkerhed lige nu?" (Ja / Nej / Jeg ved det ikke); a possible risk first asks the
 * first two screening questions of the Columbia protocol in plain words, and a yes raises it.
 * "Nej" or "ved ikke" repeats 112 and tells the caseworker at once.
 */
export class CrisisFollowUpDialog extends ComponentDialog {
  constructor(private readonly escalation: CrisisEscalation) {
    super(CRISIS_FOLLOW_UP_DIALOG);
    // Only answers reach this prompt: the responder lets the question go on anything else.
    this.addDialog(new TextPrompt(ANSWER_PROMPT));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.wishStep.bind(this),
        this.thoughtsStep.bind(this),
        this.safetyStep.bind(this),
        this.answerStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** Columbia 1 (possible risk only): a wish to be dead. */
  private async wishStep(step: WaterfallStepContext<CrisisFollowUpOptions>) {
    if (step.options.tier === 'clear') return step.next();
    return this.ask(step, 'crisis.followUp.wish', ['yes', 'no']);
  }

  /** Columbia 2 (possible risk only): thoughts of taking one's own life. */
  private async thoughtsStep(step: WaterfallStepContext<CrisisFollowUpOptions>) {
    if (step.options.tier === 'clear') return step.next();
    this.note(step, step.result);
    return this.ask(step, 'crisis.followUp.thoughts', ['yes', 'no']);
  }

  /** A clear risk, or a yes to a screening question: are you safe right now? */
  private async safetyStep(step: WaterfallStepContext<CrisisFollowUpOptions>) {
    if (step.options.tier === 'possible') {
      this.note(step, step.result);
      if (!(step.values as FlowValues).screeningYes) {
        await step.context.sendActivity(this.t(step)('crisis.followUp.screeningNo'));
        return step.endDialog();
      }
      await this.escalation.escalate(step.context, 'screening-yes');
    }
    return this.ask(step, 'crisis.followUp.safe', ['yes', 'no', 'unsure']);
  }

  private async answerStep(step: WaterfallStepContext<CrisisFollowUpOptions>) {
    const answer = answerOf(step.result) ?? 'unsure';
    const t = this.t(step);
    if (answer === 'yes') {
      await step.context.sendActivity(t('crisis.followUp.safeYes'));
      return step.endDialog();
    }
    await step.context.sendActivity(t(answer === 'no' ? 'crisis.followUp.notSafe' : 'crisis.followUp.unsure'));
    await this.escalation.escalate(step.context, answer === 'no' ? 'not-safe' : 'unsure');
    return step.endDialog();
  }

  private note(step: WaterfallStepContext<CrisisFollowUpOptions>, result: unknown): void {
    // "Ved ikke" to a screening question counts as yes: better one call too many.
    const answer = answerOf(result) ?? 'unsure';
    if (answer !== 'no') (step.values as FlowValues).screeningYes = true;
  }

  private async ask(step: WaterfallStepContext<CrisisFollowUpOptions>, key: string, answers: FollowUpAnswer[]) {
    const t = this.t(step);
    const labels = answers.map((answer) => t(`crisis.answer.${answer}`));
    return step.prompt(ANSWER_PROMPT, { prompt: MessageFactory.suggestedActions(labels, t(key)) });
  }

  private t(step: WaterfallStepContext<CrisisFollowUpOptions>) {
    return translator(step.options.locale);
  }
}

function answerOf(result: unknown): FollowUpAnswer | undefined {
  return typeof result === 'string' ? parseFollowUpAnswer(result) : undefined;
}
