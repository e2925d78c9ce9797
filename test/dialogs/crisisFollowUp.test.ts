import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CrisisFollowUpDialog, type CrisisFollowUpOptions, type FollowUpEscalation } from '../../dialogs/crisisFollowUpDialog.js';
import { CitizenDialogClient } from '../support/dialogClient.js';

/** The follow-up dialog with an escalation that records why and says so, as the responder does. */
function followUp(options: CrisisFollowUpOptions) {
  const escalations: FollowUpEscalation[] = [];
  const dialog = new CrisisFollowUpDialog({
    escalate: async (context: TurnContext, reason: FollowUpEscalation) => {
      escalations.push(reason);
      await context.sendActivity(`[told: ${reason}]`);
    },
  });
  const client = new CitizenDialogClient(dialog, () => ({ citizenId: 'c1', locale: options.locale, timeZone: 'Europe/Copenhagen' }), options);
  return { client, escalations };
}

describe('the question after the safety message', () => {
  it.each([
    ['Ja', ['Godt. Tak, fordi du fortalte mig det. Skriv til mig igen når som helst – og ring 112, hvis det ændrer sig.'], []],
    ['Nej', [expect.stringMatching(/^Ring \*\*\[112\]\(tel:112\)\*\* nu\. De kan hjælpe dig/), '[told: not-safe]'], ['not-safe']],
    ['Jeg ved det ikke', [expect.stringMatching(/^Det er okay ikke at vide det/), '[told: unsure]'], ['unsure']],
  ])('when a clear risk is answered %j, then the reply is as it should be and the caseworker is told only when not safe', async (answer, replies, told) => {
    const { client, escalations } = followUp({ tier: 'clear', locale: 'da' });
    expect(await client.say('(crisis turn)')).toEqual(['Er du i sikkerhed lige nu?']);
    expect(await client.say(answer)).toEqual(replies);
    expect(escalations).toEqual(told);
    expect(client.status).toBe('complete');
  });

  it('when a possible risk is screened and the first answer is yes, then the caseworker is told (CRISIS) and the safety question follows', async () => {
    const { client, escalations } = followUp({ tier: 'possible', locale: 'da' });
    expect((await client.say('(crisis turn)'))[0]).toMatch(/^Må jeg spørge dig om noget\? Har du inden for den sidste måned ønsket/);
    expect(await client.say('ja')).toEqual(['Har du inden for den sidste måned haft tanker om at tage dit eget liv?']);
    expect(await client.say('nej')).toEqual(['[told: screening-yes]', 'Er du i sikkerhed lige nu?']);
    expect(await client.say('ja')).toHaveLength(1);
    expect(escalations).toEqual(['screening-yes']);
  });

  it('when both screening questions are answered no, then the person is thanked and nobody more is told', async () => {
    const { client, escalations } = followUp({ tier: 'possible', locale: 'en' });
    expect((await client.say('(crisis turn)'))[0]).toMatch(/^May I ask you something\?/);
    await client.say('no');
    expect(await client.say('no')).toEqual(['Thank you for answering. You can always write to me again and call the numbers above.']);
    expect(escalations).toEqual([]);
  });

  it('when "I don\'t know" answers a screening question, then it counts as yes: better one call too many', async () => {
    const { client, escalations } = followUp({ tier: 'possible', locale: 'en' });
    await client.say('(crisis turn)');
    await client.say("I don't know");
    expect(await client.say('no')).toEqual(['[told: screening-yes]', 'Are you safe right now?']);
    expect(escalations).toEqual(['screening-yes']);
  });
});
