import { type Activity, ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, type DialogState, DialogTurnStatus, type PromptOptions, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { choiceCard, dateCard, multiChoiceCard, periodCard, suggestionCard } from '../../cards/answerCards.js';
import { renderPrompt } from '../../dialogs/citizenPrompt.js';
import type { CitizenPromptOptions } from '../../dialogs/promptFit.js';
import { addCitizenPrompts, CHOICE_PROMPT, choiceOptions, dateOptions, freeTextOptions, multiChoiceOptions, periodOptions, YES_NO } from '../../dialogs/prompts.js';
import type { CitizenServices } from '../../dialogs/services.js';
import { setTurnCitizen } from '../../dialogs/turnCitizen.js';
import { translator } from '../../locales/i18n.js';

const t = translator('da');
const services = { now: () => new Date('2026-12-07T10:00:00Z') } as unknown as CitizenServices;

/** Runs `work` inside one turn on `channelId`, with a Danish citizen on it. */
async function inTurn<T>(channelId: string, work: (context: TurnContext) => T): Promise<T> {
  let result: T | undefined;
  const adapter = new TestAdapter(async (context) => {
    setTurnCitizen(context, { citizenId: 'c1', locale: 'da', timeZone: 'Europe/Copenhagen' });
    result = work(context);
  }, { channelId } as Partial<Activity>);
  await adapter.send('hej');
  return result as T;
}

describe('what a citizen prompt keeps and shows', () => {
  it('keeps the question and labels in dialog state, never the rendered card', async () => {
    const options = await inTurn('msteams', (context) => choiceOptions(context, 'Hvordan går det?', YES_NO));
    expect(JSON.stringify(options)).not.toContain('AdaptiveCard');
    expect(options.prompt).toBeUndefined();
    expect(options.shown).toEqual({ kind: 'choice', question: 'Hvordan går det?', labels: [t('common.yes'), t('common.no')] });
  });

  it('renders each kind as its card where the channel shows cards', async () => {
    const cases: Array<[string, (context: TurnContext) => CitizenPromptOptions, (id: string) => unknown]> = [
      ['choice', (c) => choiceOptions(c, 'Q', YES_NO), (id) => choiceCard('Q', [t('common.yes'), t('common.no')], id)],
      ['multiChoice', (c) => multiChoiceOptions(c, 'Q', YES_NO, 'H'), (id) => multiChoiceCard('Q', [t('common.yes'), t('common.no')], t('common.send'), id)],
      ['date', () => dateOptions('Q'), (id) => dateCard('Q', t('common.send'), t('common.skip'), id)],
      ['period', () => periodOptions('Q'), (id) => periodCard('Q', { from: t('common.from'), to: t('common.to'), send: t('common.send'), skip: t('common.skip') }, id)],
      ['suggestions', (c) => freeTextOptions(c, 'Q', ['common.skip']), (id) => suggestionCard('Q', [t('common.skip')], id)],
    ];
    for (const [kind, options, card] of cases) {
      const shown = await inTurn('webchat', (context) => {
        const built = options(context);
        return { id: built.promptId as string, message: renderPrompt(context, built.promptId as string, built.shown as NonNullable<CitizenPromptOptions['shown']>, false) };
      });
      expect((shown.message as Partial<Activity>).attachments, kind).toEqual([card(shown.id)]);
    }
  });

  it('renders the same question as numbered text where the channel shows no cards, and a retry as what to do', async () => {
    const [first, retry] = await inTurn('sms', (context) => {
      const options = choiceOptions(context, 'Q', YES_NO);
      return [renderPrompt(context, 'p', options.shown, false), renderPrompt(context, 'p', options.shown, true)];
    });
    expect((first as Partial<Activity>).text).toBe(`Q\n\n1. ${t('common.yes')}\n2. ${t('common.no')}\n\n${t('common.chooseHint')}`);
    expect(retry).toBe(`${t('common.notUnderstood')}\n\n1. ${t('common.yes')}\n2. ${t('common.no')}`);
  });
});

describe('a citizen prompt in a dialog', () => {
  /** Asks one choice with the options `ask` gives, and ends with the answer. */
  class Asking extends ComponentDialog {
    constructor(ask: (step: WaterfallStepContext) => PromptOptions = (step) => choiceOptions(step.context, 'Ja eller nej?', YES_NO)) {
      super('asking');
      addCitizenPrompts(this, services);
      this.addDialog(new WaterfallDialog('flow', [(step: WaterfallStepContext) => step.prompt(CHOICE_PROMPT, ask(step)), (step) => step.endDialog(step.result)]));
      this.initialDialogId = 'flow';
    }
  }

  /** A test adapter on Teams whose turns run `asking`, started by the first message. */
  function adapterFor(asking: Asking, onAnswer: (answer: unknown) => void = () => undefined): TestAdapter {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState')).add(asking);
    return new TestAdapter(async (context) => {
      setTurnCitizen(context, { citizenId: 'c1', locale: 'da', timeZone: 'Europe/Copenhagen' });
      const dc = await dialogs.createContext(context);
      if (context.activity.text === 'igen') await dc.repromptDialog();
      else {
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog('asking');
        if (result.status === DialogTurnStatus.complete) onAnswer(result.result);
      }
      await state.saveChanges(context);
    }, { channelId: 'msteams' } as Partial<Activity>);
  }

  it('shows the card, says only what to do when not understood, shows the same card when asked again, and takes the answer', async () => {
    const answers: unknown[] = [];
    const adapter = adapterFor(new Asking(), (answer) => answers.push(answer));
    const cardOf = (activity: Partial<Activity>) => activity.attachments?.[0]?.content as { body: Array<{ text?: string }> };
    let firstCard: unknown;
    await adapter
      .send('hej')
      .assertReply((activity) => {
        firstCard = cardOf(activity);
        expect(cardOf(activity).body[0]?.text).toBe('Ja eller nej?');
      })
      .send('måske')
      .assertReply(t('common.notUnderstood'))
      .send('igen')
      .assertReply((activity) => expect(cardOf(activity)).toEqual(firstCard))
      .send('ja')
      .startTest();
    expect(answers).toEqual(['yes']);
  });

  it('still shows the stored message of a prompt saved before prompts kept what they show', async () => {
    const saved = () => ({ prompt: 'Ja eller nej? (gemt)', retryPrompt: 'Skriv ja eller nej.', validations: [{ value: 'yes', labels: ['ja'] }] });
    await adapterFor(new Asking(saved)).send('hej').assertReply('Ja eller nej? (gemt)').send('hmm').assertReply('Skriv ja eller nej.').startTest();
    // A saved date or suggestion prompt had only its message: a retry shows it again.
    const messageOnly = () => ({ prompt: 'Hvornår? (gemt)', validations: [{ value: 'yes', labels: ['ja'] }] });
    await adapterFor(new Asking(messageOnly)).send('hej').assertReply('Hvornår? (gemt)').send('hmm').assertReply('Hvornår? (gemt)').startTest();
  });
});
