import { describe, expect, it } from 'vitest';
import { citizenPrompts } from '../support/citizenPrompts.js';
import { startCitizenDialog as start } from '../support/dialogClient.js';

// Words that answer none of the questions and name no urgent change: the citizen talking to their caseworker.
const WORDS = 'Min nabo har en hund der gør hele natten';
const OFFER = /Skal jeg sende det til Mette\?\n\n> Min nabo har en hund/;
const DEAD_END = /Det forstod jeg ikke/;
// Where the citizen is already writing to the caseworker, or asked for free text, the words are the answer.
const answeredThere = (kind: string, name: string) => kind === 'freeText' || name === 'urgent description' || name === 'message to caseworker';
const agreed = citizenPrompts.filter((prompt) => prompt.consent !== null);

describe('nothing the citizen writes is dropped', () => {
  describe.each(agreed.map((prompt) => [prompt.name, prompt] as const))('at the %s prompt', (_name, prompt) => {
    const open = async () => {
      const session = start({ consent: 'ACCEPTED' });
      expect(await session.walk(...prompt.reach)).toMatch(prompt.asks);
      return session;
    };

    if (answeredThere(prompt.kind, prompt.name)) {
      it('when the citizen writes a sentence, then it is taken as the answer, not refused', async () => {
        const { client } = await open();
        const replies = (await client.say(WORDS)).join('\n');
        expect(replies).not.toMatch(DEAD_END);
        expect(replies).not.toMatch(prompt.asks);
      });
      return;
    }

    it('when the citizen writes words that answer nothing, then they are offered to the caseworker, never a dead end', async () => {
      const { client } = await open();
      const replies = (await client.say(WORDS)).join('\n');
      expect(replies).toMatch(OFFER);
      expect(replies).toMatch(/1\. Ja, send det\n2\. Nej\n3\. Ret teksten/);
      expect(replies).not.toMatch(DEAD_END);
    });

    it('when the citizen accepts the offer, then a message alert carries their words and the question is asked again', async () => {
      const { client, fake } = await open();
      await client.say(WORDS);
      const replies = (await client.say('ja')).join('\n');
      expect(fake.alerts.at(-1)).toEqual({ citizenId: 'citizen-1', kind: 'message', severity: 'NORMAL', citizenText: WORDS });
      expect(replies).toMatch(/Jeg har sendt det til Mette\. Du kan forvente svar senest/);
      expect(replies).toMatch(prompt.asks);
    });
  });

  it('when the citizen declines the offer, then nothing is sent and the question is asked again', async () => {
    const { walk, fake } = start({ consent: 'ACCEPTED' });
    const replies = await walk('hej', '1', WORDS, 'nej');
    expect(fake.alerts).toEqual([]);
    expect(replies).toMatch(/Okay, jeg har ikke sendt det\.[\s\S]*Spørgsmål 1 af 5/);
  });

  it('when the citizen corrects the text first, then the corrected words are offered and sent', async () => {
    const { walk, fake } = start({ consent: 'ACCEPTED' });
    expect(await walk('hej', WORDS, 'ret teksten')).toMatch(/Skriv teksten, som Mette skal have den/);
    expect(await walk('Min nabos hund gør om natten, så jeg sover dårligt')).toMatch(/> Min nabos hund gør om natten/);
    await walk('1');
    expect(fake.alerts.map((alert) => alert.citizenText)).toEqual(['Min nabos hund gør om natten, så jeg sover dårligt']);
  });

  it('when a first message names nothing, then it is offered to the caseworker rather than answered with the menu', async () => {
    const { walk } = start({ consent: 'ACCEPTED' });
    expect(await walk(WORDS)).toMatch(OFFER);
  });

  it('when a single unknown word is written, then the citizen is told what they can do, including writing to the caseworker', async () => {
    const { walk } = start({ consent: 'ACCEPTED' });
    expect(await walk('hej', '1', 'hmm')).toMatch(/Vil du skrive til din sagsbehandler, så skriv det bare med et par ord/);
  });

  it('when the citizen writes "jeg har ondt i ryggen og kan ikke komme til mødet i morgen", then an illness report is started with their words', async () => {
    const { walk, fake } = start({ consent: 'ACCEPTED' });
    expect(await walk('hej', '1', 'jeg har ondt i ryggen og kan ikke komme til mødet i morgen')).toMatch(/Fra hvornår og til hvornår/);
    expect(await walk('spring over', 'ja')).toMatch(/Jeg har sendt det til Mette/);
    expect(fake.alerts[0]).toMatchObject({ kind: 'illness', citizenText: 'jeg har ondt i ryggen og kan ikke komme til mødet i morgen' });
  });
});

describe('a thread with the caseworker', () => {
  it('when the caseworker has written, then the citizen\'s next words go straight to the same alert', async () => {
    const { walk, fake } = start({ consent: 'ACCEPTED' });
    await walk('hej');
    fake.thread.open = { alertId: 'alert-7', staffName: 'Mette Holm' };
    expect(await walk('Ja det kan jeg godt')).toMatch(/Sendt til Mette Holm/);
    expect(await walk('Jeg kommer med bussen')).toMatch(/Sendt til Mette Holm/);
    expect(fake.thread.said).toEqual([
      { alertId: 'alert-7', text: 'Ja det kan jeg godt' },
      { alertId: 'alert-7', text: 'Jeg kommer med bussen' },
    ]);
    expect(fake.alerts).toEqual([]);
  });

  it('when a thread is open and the citizen answers the question waiting, then the answer is an answer, not a message', async () => {
    const { walk, fake } = start({ consent: 'ACCEPTED' });
    await walk('hej');
    fake.thread.open = { alertId: 'alert-7', staffName: 'Mette Holm' };
    expect(await walk('1')).toMatch(/Spørgsmål 1 af 5/);
    expect(fake.thread.said).toEqual([]);
  });

  it('when the citizen writes "menu", then they leave the thread and later words are offered, not sent', async () => {
    const { walk, fake } = start({ consent: 'ACCEPTED' });
    await walk('hej');
    fake.thread.open = { alertId: 'alert-7', staffName: 'Mette Holm' };
    await walk('menu');
    expect(fake.thread.left).toEqual(['alert-7']);
    expect(await walk(WORDS)).toMatch(OFFER);
  });
});

describe('an old card', () => {
  it('when a button of an earlier question is tapped, then it is refused kindly and not taken as this question\'s answer', async () => {
    const { client, walk, fake } = start({ consent: 'ACCEPTED' });
    await walk('hej', '1');
    const replies = (await client.send({ type: 'message', value: { verb: 'answer', answer: '1', promptId: 'earlier1' } })).join('\n');
    expect(replies).toMatch(/Det spørgsmål er allerede besvaret/);
    expect(replies).toMatch(/Spørgsmål 1 af 5/);
    expect(fake.checkIns[0]?.answers).toEqual([]);
  });
});
