import { describe, expect, it } from 'vitest';
import { startCitizenDialog as start } from '../support/dialogClient.js';

const NOISE = 'qwertyuiop asdfghjkl '.repeat(100).slice(0, 2000);


type PromptKind = 'choice' | 'freeText' | 'date' | 'hours';
const EMPTY: [string, string] = ['an empty message', ''];
const EMOJI: [string, string] = ['an emoji', '🙂'];
const LONG_NOISE: [string, string] = ['2,000 characters of noise', NOISE];
const badInputs: Record<PromptKind, Array<[string, string]>> = {
  choice: [EMPTY, EMOJI, LONG_NOISE, ['a number out of range', '99'], ['zero', '0']],
  freeText: [EMPTY, EMOJI, LONG_NOISE],
  date: [EMPTY, EMOJI, LONG_NOISE, ['a number', '99'], ['a date that does not exist', '31/02']],
  hours: [EMPTY, EMOJI, LONG_NOISE, ['a number out of range', '999'], ['a negative number', '-5']],
};

// Every prompt of the citizen dialogs, the inputs that reach it from a first "hej", and what it asks.
const MENU = /Hvad vil du gerne\?\n\n1\. Mine mål/;
const AGREEMENT = /Hvilket sprog|Vil du bruge Ledsager/;
// `leadsTo`: what "menu" and "annuller" lead to there: the agreement until it is given, then the menu.
const prompts: Array<{ name: string; kind: PromptKind; consent?: null; leadsTo?: RegExp; reach: string[]; asks: RegExp }> = [
  { name: 'language', kind: 'choice', consent: null, leadsTo: AGREEMENT, reach: ['hej'], asks: /Hvilket sprog/ },
  { name: 'consent', kind: 'choice', consent: null, leadsTo: AGREEMENT, reach: ['hej', '1'], asks: /Vil du bruge Ledsager\?/ },
  { name: 'contact window', kind: 'choice', consent: null, reach: ['hej', '1', '1'], asks: /Hvornår på dagen/ },
  { name: 'menu', kind: 'choice', reach: ['hej'], asks: /Hvad vil du gerne\?/ },
  { name: 'goal', kind: 'freeText', reach: ['hej', '1'], asks: /arbejde hen imod/ },
  { name: 'guided path', kind: 'choice', reach: ['hej', '1', 'Det ved jeg ikke endnu'], asks: /finde et sted at starte/ },
  { name: 'earlier work', kind: 'freeText', reach: ['hej', '1', 'ved det ikke endnu', '1'], asks: /Hvilket arbejde/ },
  { name: 'what was liked', kind: 'freeText', reach: ['hej', '1', 'ved det ikke endnu', '1', 'Lager'], asks: /kunne du godt lide/ },
  { name: 'goal from work', kind: 'freeText', reach: ['hej', '1', 'ved det ikke endnu', '1', 'Lager', 'Kollegerne'], asks: /Kunne noget af det blive et mål/ },
  { name: 'wish', kind: 'freeText', reach: ['hej', '1', 'ved det ikke endnu', '2'], asks: /mere af i dit liv/ },
  { name: 'first step of wish', kind: 'freeText', reach: ['hej', '1', 'ved det ikke endnu', '2', 'Komme mere ud'], asks: /første lille skridt/ },
  { name: 'add a step now', kind: 'choice', reach: ['hej', '1', 'Arbejde i en butik'], asks: /tilføje et lille skridt nu/ },
  { name: 'step text', kind: 'freeText', reach: ['hej', '1', 'Arbejde i en butik', 'ja'], asks: /næste lille skridt/ },
  { name: 'due date', kind: 'date', reach: ['hej', '1', 'Arbejde i en butik', 'ja', 'Ringe'], asks: /Hvornår vil du gerne have gjort det/ },
  { name: 'goal actions', kind: 'choice', reach: ['hej', '1', 'Mål', 'nej', '1'], asks: /Hvad vil du gøre\?/ },
  { name: 'barriers', kind: 'choice', reach: ['hej', '2'], asks: /svært for dig lige nu/ },
  { name: 'other barrier', kind: 'freeText', reach: ['hej', '2', '12'], asks: /Hvad er det andet/ },
  { name: 'rank', kind: 'choice', reach: ['hej', '2', '1, 2'], asks: /vigtigst at arbejde med først/ },
  { name: 'rank, second round', kind: 'choice', reach: ['hej', '2', '1, 2, 3', '1'], asks: /Og hvad kommer derefter/ },
  { name: 'what would help, second barrier', kind: 'freeText', reach: ['hej', '2', '1, 2', '1', 'Et buskort'], asks: /kunne hjælpe med/ },
  { name: 'what would help', kind: 'freeText', reach: ['hej', '2', '1'], asks: /kunne hjælpe med/ },
  { name: 'check-in question', kind: 'choice', reach: ['hej', '3'], asks: /Spørgsmål 1 af 5/ },
  { name: 'check-in question 2', kind: 'choice', reach: ['hej', '3', '2'], asks: /Spørgsmål 2 af 5/ },
  { name: 'weekly hours', kind: 'hours', reach: ['hej', '3', '1', '2', '3', '4', '5'], asks: /ordinære, betalte timer/ },
  { name: 'resume check-in', kind: 'choice', reach: ['hej', '3', '1', 'stop', '3'], asks: /fortsætte, hvor du slap/ },
  { name: 'urgent change kind', kind: 'choice', reach: ['hej', '4'], asks: /Hvad er der sket\?/ },
  { name: 'period', kind: 'date', reach: ['hej', '4', '1'], asks: /Fra hvornår og til hvornår/ },
  { name: 'urgent description', kind: 'freeText', reach: ['hej', '4', '5'], asks: /skrive lidt mere/ },
  { name: 'urgent confirmation', kind: 'choice', reach: ['hej', '4', '5', 'spring over'], asks: /Skal jeg sende det\?/ },
  { name: 'message to caseworker', kind: 'freeText', reach: ['hej', '5'], asks: /Hvad vil du skrive til Mette/ },
  { name: 'settings', kind: 'choice', reach: ['hej', '7'], asks: /Indstillinger og mine data/ },
  { name: 'language in settings', kind: 'choice', reach: ['hej', '7', '1'], asks: /Hvilket sprog/ },
  { name: 'withdraw', kind: 'choice', reach: ['hej', '7', '7'], asks: /Er du sikker\?/ },
];

describe('every prompt of the citizen dialogs', () => {
  for (const prompt of prompts) {
    describe(`at the ${prompt.name} prompt`, () => {
      const open = async () => {
        const session = start(prompt.consent === null ? { consent: null } : { consent: 'ACCEPTED' });
        expect(await session.walk(...prompt.reach)).toMatch(prompt.asks);
        return session;
      };

      it.each(badInputs[prompt.kind])('when the citizen sends %s, then they get a useful answer and the question stays open', async (_label, input) => {
        const { client } = await open();
        const replies = await client.say(input);
        expect(replies.length).toBeGreaterThan(0);
        expect(replies.join('\n')).toMatch(/\S/);
        expect(client.status).toBe('waiting');
        // Still the same question: a valid answer moves on rather than being refused.
        const again = await client.say(input === '' ? '🙂' : '');
        expect(again.join('\n')).not.toMatch(MENU);
      });

      it('when the citizen writes "annuller", then the dialog stops kindly and they are offered the menu or the agreement again', async () => {
        const { client } = await open();
        const replies = (await client.say('annuller')).join('\n');
        expect(replies).toMatch(/vi stopper her\. Det, du har svaret, er gemt/);
        expect(replies).toMatch(prompt.leadsTo ?? MENU);
      });

      it('when the citizen writes "menu", then the menu is shown', async () => {
        const { client } = await open();
        const replies = (await client.say('menu')).join('\n');
        expect(replies).toMatch(prompt.leadsTo ?? MENU);
      });

      it('when the citizen asks for help, then they get the help text and the same question again', async () => {
        const { client } = await open();
        const replies = (await client.say('hjælp')).join('\n');
        expect(replies).toMatch(/Du kan altid skrive/);
        expect(replies).toMatch(prompt.asks);
      });
    });
  }
});
