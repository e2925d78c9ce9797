import { describe, expect, it } from 'vitest';
import { ALERT_VERBS, REPLY_INPUT_ID } from '../../cards/alertCard.js';
import { metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';
import { ChannelUser } from '../support/standInChannel.js';

/** The visible texts and the button titles of an Adaptive Card attachment. */
function cardContent(attachments: unknown[] | undefined): { texts: string[]; buttons: string[] } {
  const card = (attachments?.[0] as { content: { body: Array<{ text?: string }>; actions?: Array<{ title: string }> } }).content;
  return { texts: card.body.map((element) => element.text ?? ''), buttons: (card.actions ?? []).map((action) => action.title) };
}

describe('alert cards that stay true after someone acted', () => {
  const service = useServiceWithChannel();

  it('when Mette acknowledges and then closes the alert, then the card in her chat is updated each time, and a tap on it afterwards is answered "allerede afsluttet"', async () => {
    const { app, channel } = service;
    const { citizen } = await metteAndAnna(app, channel);
    const before = channel.activitiesIn('conv-mette').length;
    await citizen.say('jeg er blevet syg');
    await citizen.say('spring over');
    await citizen.say('ja');
    await channel.waitForMessages('conv-mette', before + 1, 5_000);
    const card = channel.activitiesIn('conv-mette').slice(before).find((activity) => activity.attachments?.length);
    expect(card?.id).toBeDefined();
    const alertId = (await app.db.prisma.alert.findFirstOrThrow()).id;
    const metteId = (await app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } })).id;
    const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: metteId } })).body.token);

    await staffApi(app, 'POST', `/api/admin/alerts/${alertId}/acknowledge`, { token });
    await channel.waitUntil(() => channel.updated.length >= 1, 5_000);
    const seen = channel.updated[0];
    expect(seen).toMatchObject({ conversationId: 'conv-mette', activityId: card?.id });
    expect(cardContent(seen?.attachments).texts).toContain('Set af Mette Holm');
    expect(cardContent(seen?.attachments).buttons).toEqual(['Set', 'Send svar', 'Afslut', 'Åbn i Ledsager']);

    await staffApi(app, 'POST', `/api/admin/alerts/${alertId}/resolve`, { token });
    await channel.waitUntil(() => channel.updated.length >= 2, 5_000);
    const closed = cardContent(channel.updated[1]?.attachments);
    expect(closed.texts).toContain('Afsluttet af Mette Holm');
    // A closed card keeps only the way to the citizen's page in the console.
    expect(closed.buttons).toEqual(['Åbn i Ledsager']);
    const openUrl = (channel.updated[1]?.attachments?.[0] as { content: { actions: Array<{ url?: string }> } }).content.actions[0]?.url;
    expect(openUrl).toBe(`${app.url}/console/citizens/${(await app.db.prisma.alert.findUniqueOrThrow({ where: { id: alertId } })).citizenId}`);

    // A channel that keeps the old card (or a second device): the tap is answered, not acted upon.
    const mette = new ChannelUser(app.url, channel, 'mette', 'conv-mette');
    const answer = await mette.submit({ verb: ALERT_VERBS.reply, alertId, [REPLY_INPUT_ID]: 'Hej Anna' });
    expect(answer).toEqual(['Den er allerede afsluttet af Mette Holm.']);
    const replied = await app.db.prisma.alertEvent.count({ where: { alertId, type: 'replied' } });
    expect(replied).toBe(0);
  });
});
