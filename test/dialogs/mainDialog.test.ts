import { describe, expect, it } from 'vitest';
import { citizenPrompts as prompts, MENU, type PromptKind } from '../support/citizenPrompts.js';
import { startCitizenDialog as start } from '../support/dialogClient.js';

const NOISE = 'qwertyuiop asdfghjkl '.repeat(100).slice(0, 2000);

const EMPTY: [string, string] = ['an empty message', ''];
const EMOJI: [string, string] = ['an emoji', '🙂'];
const LONG_NOISE: [string, string] = ['2,000 characters of noise', NOISE];
const badInputs: Record<PromptKind, Array<[string, string]>> = {
  choice: [EMPTY, EMOJI, LONG_NOISE, ['a number out of range', '99'], ['zero', '0']],
  freeText: [EMPTY, EMOJI, LONG_NOISE],
  date: [EMPTY, EMOJI, LONG_NOISE, ['a number', '99'], ['a date that does not exist', '31/02']],
  hours: [EMPTY, EMOJI, LONG_NOISE, ['a number out of range', '999'], ['a negative number', '-5']],
};

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
