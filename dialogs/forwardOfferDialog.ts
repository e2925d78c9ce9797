import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { receiptWords } from '../domain/dueWords.js';
import { MAX_FREE_TEXT } from '../domain/goalMoments.js';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions, FREE_TEXT_PROMPT, YES_NO } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';
import { truncateGraphemes } from '../domain/safeText.js';

export const FORWARD_OFFER_DIALOG = 'forwardOfferDialog';
const FLOW = 'forwardOfferFlow';

export interface ForwardOfferOptions {
  /** What the citizen wrote, as they wrote it. */
  text: string;
}

type Decision = 'yes' | 'no' | 'edit';
const DECISIONS: ReadonlyArray<ChoiceSpec<Decision>> = [
  ...YES_NO.map((spec) => ({ ...spec, labelKey: spec.value === 'yes' ? 'forward.yes' : 'forward.no', also: [...(spec.also ?? []), spec.value === 'yes' ? 'ja' : 'nej', spec.value] })),
  { value: 'edit', labelKey: 'forward.edit', also: ['ret', 'edit', 'ændre', 'rette'] },
];

/**
 * Nothing the citizen writes is dropped: words that answer no question are
 * offered to their caseworker ("Skal jeg sende det til Mette?"), sent as a
 * message alert with the citizen's own words, left, or corrected first.
 * Then the question they were at is asked again.
 */
export class ForwardOfferDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(FORWARD_OFFER_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.offerStep.bind(this), this.decideStep.bind(this), this.editedStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { text } = step.options as ForwardOfferOptions;
    const profile = await this.services.profiles.get(turnCitizen(step.context).citizenId);
    const question = citizenT(step.context)('forward.offer', { name: profile.caseworkerName, text: quoted(text) });
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, question, DECISIONS));
  }

  private async decideStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const decision = step.result as Decision;
    if (decision === 'no') {
      await step.context.sendActivity(t('forward.notSent'));
      return step.endDialog();
    }
    if (decision === 'edit') {
      const profile = await this.services.profiles.get(turnCitizen(step.context).citizenId);
      return step.prompt(FREE_TEXT_PROMPT, { prompt: t('forward.askEdit', { name: profile.caseworkerName }) });
    }
    await this.send(step, (step.options as ForwardOfferOptions).text);
    return step.endDialog();
  }

  /** The corrected words are offered again, so the citizen sees exactly what will be sent. */
  private async editedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { text: step.result as string } satisfies ForwardOfferOptions);
  }

  private async send(step: WaterfallStepContext, text: string): Promise<void> {
    const { citizenId, locale, timeZone } = turnCitizen(step.context);
    const receipt = await this.services.alerts.raise({ citizenId, kind: 'message', severity: 'NORMAL', citizenText: truncateGraphemes(text.trim(), MAX_FREE_TEXT) });
    await step.context.sendActivity(citizenT(step.context)('receipt.sent', receiptWords(receipt, this.services.now(), timeZone, locale)));
  }
}

/** The citizen's words as a Markdown quote, every line of it. */
function quoted(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}
