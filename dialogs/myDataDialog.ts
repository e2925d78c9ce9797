import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { dataDocumentView, documentAsText } from '../domain/privacy/dataDocument.js';
import type { DataRequestKind } from '../domain/privacy/dataRequests.js';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions, stepValues, YES_NO } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const MY_DATA_DIALOG = 'myDataDialog';
const FLOW = 'myDataFlow';

type Action = 'download' | 'erase' | 'restrict' | 'back';
const ACTIONS: ReadonlyArray<ChoiceSpec<Action>> = [
  { value: 'download', labelKey: 'myData.action.download', also: ['hent', 'download', 'get my data'] },
  { value: 'erase', labelKey: 'myData.action.erase', also: ['slet', 'delete', 'erase'] },
  { value: 'restrict', labelKey: 'myData.action.restrict', also: ['begræns', 'restrict'] },
  { value: 'back', labelKey: 'common.back' },
];
const REQUEST_OF: Record<'erase' | 'restrict', DataRequestKind> = { erase: 'ERASURE', restrict: 'RESTRICTION' };

/**
 * "Se mine data": the data itself in plain words and who has looked (GDPR Art. 15), then the citizen may take it
 * along as a document and a file (Art. 20), or ask for erasure (Art. 17) or restriction (Art. 18).
 */
export class MyDataDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(MY_DATA_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new WaterfallDialog(FLOW, [this.showStep.bind(this), this.actStep.bind(this), this.confirmStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const data = await this.services.privacy.data(turnCitizen(step.context).citizenId);
    const view = dataDocumentView(data, (key, params) => t(key, params));
    await step.context.sendActivity(`${t('myData.chatIntro')}\n\n${documentAsText(view, t('myData.chatNobodyLooked'))}`);
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('myData.chatWhatNext'), ACTIONS));
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const action = step.result as Action;
    stepValues<{ action: Action }>(step).action = action;
    if (action === 'download') {
      const { activity } = step.context;
      const link = await this.services.privacy.downloadLink(turnCitizen(step.context).citizenId, `${activity.channelId}/${activity.conversation.id}`);
      await step.context.sendActivity(t('myData.linkReady', { url: link.url, minutes: link.minutes }));
      return step.endDialog();
    }
    if (action === 'back') return step.endDialog();
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t(`myData.confirm.${action}`), YES_NO));
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { action } = stepValues<{ action: 'erase' | 'restrict' }>(step);
    if (step.result !== 'yes') {
      await step.context.sendActivity(t('myData.requestNotMade'));
      return step.endDialog();
    }
    await this.services.privacy.request(turnCitizen(step.context).citizenId, REQUEST_OF[action]);
    await step.context.sendActivity(t(`myData.requested.${action}`));
    return step.endDialog();
  }
}
