import { ConversationState, MemoryStorage, type StoreItems } from 'botbuilder';
import type { DialogInstance } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { startCitizenDialog as start } from '../support/dialogClient.js';

type Stacked = DialogInstance<{ dialogs?: { dialogStack: Stacked[] } }>;

/** The check-in's own stack inside a stored conversation state (main dialog → check-in dialog). */
function checkInStack(state: StoreItems): Stacked[] {
  const main = (state.DialogState as { dialogStack: Stacked[] }).dialogStack.at(-1);
  const checkIn = main?.state.dialogs?.dialogStack.at(-1);
  if (checkIn?.id !== 'checkInDialog' || !checkIn.state.dialogs) throw new Error('no check-in open');
  return checkIn.state.dialogs.dialogStack;
}

describe('progression check-in', () => {
  it('when a citizen answers by digits and by the words of an option, then each answer is saved as its option', async () => {
    const { fake, walk } = start();
    const first = await walk('hej', 'hvordan går det');
    expect(first).toMatch(/Det tager et par minutter/);
    expect(first).toMatch(/Spørgsmål 1 af 5\n\n\*\*Tror du, at du kan klare et fuldtids- eller deltidsjob \(ikke fleksjob\)\?\*\*\n\n1\. Jeg er helt sikker/);
    await walk('2');
    await walk('mit helbred forhindrer, at jeg kan arbejde');
    await walk('spring over');
    await walk('I find it really easy to work with others');
    expect(await walk('5')).toMatch(/ordinære, betalte timer/);
    const done = await walk('7,5');
    expect(done).toMatch(/Tak for dine svar/);
    expect(done).toMatch(/Det her er dit udgangspunkt/);
    expect(done).toMatch(/- Tro på mig selv: 75 af 100\n- Helbred: 0 af 100\n- Mening og retning: ikke besvaret\n- Samarbejde: 100 af 100\n- Netværk: 0 af 100/);
    expect(done).toMatch(/Du sprang Mening og retning over\. Det er helt i orden\. Det står som et hul i diagrammet\./);
    expect(fake.checkIns[0]).toMatchObject({
      status: 'COMPLETED',
      answers: [
        { itemId: 'A1', optionIndex: 1 },
        { itemId: 'B1', optionIndex: 4 },
        { itemId: 'C1', optionIndex: null },
        { itemId: 'D1', optionIndex: 0 },
        { itemId: 'E1', optionIndex: 4 },
      ],
    });
    expect([...fake.hours.values()]).toEqual([7.5]);
    // Saved with the turn while more questions follow; the last at once, for the scoring that reads it.
    expect(fake.checkIns[0]?.answers.map((answer) => answer.withTurn)).toEqual([true, true, true, true, false]);
  });

  it('when the citizen stops halfway, then the answers are kept and the check-in resumes where it stopped', async () => {
    const { fake, walk } = start();
    await walk('hej', '1', '1', '1');
    expect(await walk('stop')).toMatch(/Det, du har svaret, er gemt/);
    expect(fake.checkIns[0]?.answers).toHaveLength(2);
    expect(await walk('1')).toMatch(/fortsætte, hvor du slap/);
    expect(await walk('ja')).toMatch(/Spørgsmål 3 af 5/);
    await walk('1', '1');
    expect(await walk('1')).toMatch(/ordinære, betalte timer/);
    expect(fake.checkIns[0]?.answers.map((answer) => answer.withTurn)).toEqual([true, true, true, true, false]);
  });

  it('when the citizen would rather start over, then the old one is kept as partial and a new one begins', async () => {
    const { fake, walk } = start();
    await walk('hej', '1', '1', 'menu', '1');
    expect(await walk('nej')).toMatch(/Spørgsmål 1 af 5/);
    expect(fake.checkIns.map((checkIn) => checkIn.status)).toEqual(['PARTIAL', 'IN_PROGRESS']);
  });

  it('when a second check-in is much lower on a factor, then that is named truthfully as something to talk about, and gains are named', async () => {
    const { walk } = start();
    await walk('hej', '1', '3', '3', '3', '3', '3', 'spring over');
    const second = await walk('1', '1', '5', '3', '3', '3', 'spring over');
    expect(second).toMatch(/Det er gået frem med: Tro på mig selv\. Godt gået!/);
    expect(second).toMatch(/Helbred er meget lavere end sidst\. Det er godt at tale med Mette om det\./);
    expect(second).not.toMatch(/lidt lavere/);
    expect(second).toMatch(/Tro på mig selv: 100 af 100 \(sidst 50\)/);
    expect(second).not.toMatch(/dårlig|fejl|ingen fremgang|no progress/i);
  });

  it('when hours were already given this week, then they are not asked again', async () => {
    const { walk } = start();
    await walk('hej', '1', '1', '1', '1', '1', '1', '10');
    expect(await walk('1', '1', '1', '1', '1', '1')).toMatch(/Tak for dine svar/);
  });

  it('when the citizen asks for progress before any check-in, then they are told how to start', async () => {
    const { walk } = start();
    expect(await walk('hej', 'mine fremskridt')).toMatch(/ikke svaret på spørgsmålene endnu/);
  });
});

describe('a check-in question stored before the item dialog lost its component (2026-12-07)', () => {
  /** Question 1 waiting, stored as it was: the item's waterfall and its prompt inside a component dialog of their own. */
  async function waitingInTheFormerLayout() {
    const storage = new MemoryStorage();
    const session = start({ consent: 'ACCEPTED' }, new ConversationState(storage));
    expect(await session.walk('hej', 'hvordan går det')).toMatch(/Spørgsmål 1 af 5/);
    const key = Object.keys((storage as unknown as { memory: Record<string, string> }).memory)[0] as string;
    const stored = await storage.read([key]);
    const stack = checkInStack(stored[key] as StoreItems);
    const [flow, prompt] = stack.splice(-2) as [Stacked, Stacked];
    expect([flow.id, prompt.id]).toEqual(['checkInItemDialog', 'choicePrompt']);
    stack.push({ id: 'checkInItemDialog', state: { dialogs: { dialogStack: [{ ...flow, id: 'checkInItemFlow' }, prompt] } } });
    await storage.write({ [key]: { ...stored[key], eTag: '*' } });
    const storedStack = async () => checkInStack((await storage.read([key]))[key] as StoreItems).map((instance) => instance.id);
    return { ...session, storedStack };
  }

  it('when the citizen answers, then the answer is saved, the next question follows and the state is in the present layout', async () => {
    const { fake, walk, storedStack } = await waitingInTheFormerLayout();
    expect(await walk('2')).toMatch(/Spørgsmål 2 af 5/);
    expect(fake.checkIns[0]?.answers).toMatchObject([{ itemId: 'A1', optionIndex: 1 }]);
    expect(await storedStack()).toEqual(['checkInFlow', 'checkInItemDialog', 'choicePrompt']);
  });

  it('when the citizen asks for help, then they get the help text and the same question again', async () => {
    const { walk } = await waitingInTheFormerLayout();
    const replies = await walk('hjælp');
    expect(replies).toMatch(/Du kan altid skrive/);
    expect(replies).toMatch(/Spørgsmål 1 af 5/);
    expect(await walk('1')).toMatch(/Spørgsmål 2 af 5/);
  });

  it('when the citizen writes "menu", then the menu comes, and the check-in can be resumed', async () => {
    const { walk } = await waitingInTheFormerLayout();
    expect(await walk('menu')).toMatch(/Hvad vil du gerne\?/);
    expect(await walk('1')).toMatch(/Spørgsmål 1 af 5/);
  });

  it('when the citizen reports an urgent change, then the urgent flow starts with their words', async () => {
    const { walk } = await waitingInTheFormerLayout();
    expect(await walk('jeg er blevet syg')).toMatch(/Fra hvornår og til hvornår\?/);
  });

  it('when the citizen writes words that answer nothing and accepts the offer, then the caseworker gets them and the question is asked again', async () => {
    const { fake, walk } = await waitingInTheFormerLayout();
    expect(await walk('Min nabo har en hund der gør hele natten')).toMatch(/Skal jeg sende det til Mette\?/);
    expect(await walk('ja')).toMatch(/Jeg har sendt det til Mette[\s\S]*Spørgsmål 1 af 5/);
    expect(fake.alerts).toHaveLength(1);
    expect(await walk('1')).toMatch(/Spørgsmål 2 af 5/);
  });
});
