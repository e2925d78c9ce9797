import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { receiptWords } from '../domain/dueWords.js';
import { addCitizenPrompts, FREE_TEXT_PROMPT } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const MESSAGE_CASEWORKER_DIALOG = 'messageCaseworkerDialog';
const FLOW = 'messageCaseworkerFlow';

/** "Write to my caseworker": a free message, forwarded as a normal alert; the answer comes back in this chat. */
export class MessageCaseworkerDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(MESSAGE_CASEWORKER_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.sendStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.services.profiles.get(turnCitizen(step.context).citizenId);
    return step.prompt(FREE_TEXT_PROMPT, { prompt: citizenT(step.context)('message.ask', { name: profile.caseworkerName }) });
  }

  private async sendStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { citizenId, locale, timeZone } = turnCitizen(step.context);
    const receipt = await this.services.alerts.raise({ citizenId, kind: 'message', severity: 'NORMAL', citizenText: step.result as string });
    await step.context.sendActivity(citizenT(step.context)('receipt.sent', receiptWords(receipt, this.services.now(), timeZone, locale)));
    return step.endDialog();
  }
}
