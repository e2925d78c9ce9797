import { describe, expect, it } from 'vitest';
import { enrolled, staffApi, useServiceWithChannel } from '../support/app.js';
import { ChannelUser } from '../support/standInChannel.js';

interface CardBody {
  type: string;
  text?: string;
  wrap?: boolean;
  selectAction?: { data: { promptId: string; answer: string } };
  items?: CardBody[];
}
const cardOf = (activity: { attachments?: unknown[] } | undefined) => (activity?.attachments?.[0] as { content: { body: CardBody[] } } | undefined)?.content;

describe('a conversation that listens, over a channel', () => {
  const ctx = useServiceWithChannel();

  async function caseworkerAndCitizen(name: string, citizenUser: ChannelUser | string) {
    const { app, channel } = ctx;
    const staff = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name, email: `${name.split(' ')[0]?.toLowerCase()}@example.dk` } });
    const staffUser = await enrolled(app, channel, staff.body.enrollmentCode, `staff-${staff.body.id}`);
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: staff.body.id } });
    const user = typeof citizenUser === 'string' ? await enrolled(app, channel, citizen.body.enrollmentCode, citizenUser) : citizenUser;
    if (typeof citizenUser !== 'string') await user.say(String(citizen.body.enrollmentCode));
    await user.say('ja');
    await user.say('1');
    return { staffUser, citizen: user };
  }

  it('when Anna writes about her back and the meeting, Mette asks "Kan du komme torsdag?" and Anna answers, then the answer reaches Mette\'s chat in the same thread', async () => {
    const { channel } = ctx;
    const { staffUser: mette, citizen: anna } = await caseworkerAndCitizen('Mette Holm', 'anna');

    expect((await anna.say('jeg har ondt i ryggen og kan ikke komme til mødet i morgen')).join('\n')).toMatch(/Fra hvornår og til hvornår/);
    expect((await anna.say('spring over')).join('\n')).toMatch(/\*\*Jeg er syg eller indlagt\*\*[\s\S]*"jeg har ondt i ryggen og kan ikke komme til mødet i morgen"/);
    const metteBefore = channel.textsIn(mette.conversationId).length;
    expect((await anna.say('ja')).join('\n')).toMatch(/Tak\. Jeg har sendt det til Mette Holm\. Du kan forvente svar senest/);
    const alertTexts = await channel.waitForMessages(mette.conversationId, metteBefore + 1, 5_000);
    const ref = /svar ([0-9A-F]{6})/.exec(alertTexts.slice(metteBefore).join('\n'))?.[1];
    expect(ref).toBeDefined();

    const annaBefore = channel.textsIn(anna.conversationId).length;
    expect((await mette.say(`svar ${ref} Kan du komme torsdag?`)).join('\n')).toMatch(/Dit svar er sendt til Anna/);
    const annaTexts = await channel.waitForMessages(anna.conversationId, annaBefore + 1, 5_000);
    expect(annaTexts.slice(annaBefore)).toContain('Besked fra Mette Holm:\n\nKan du komme torsdag?');

    const threadBefore = channel.textsIn(mette.conversationId).length;
    expect(await anna.say('Ja det kan jeg godt')).toEqual(['Sendt til Mette Holm. Skriv **menu** for at gå tilbage.']);
    const thread = await channel.waitForMessages(mette.conversationId, threadBefore + 1, 5_000);
    expect(thread.slice(threadBefore)).toEqual([`Anna svarer (${ref}):\n\nJa det kan jeg godt\n\nSvar med: svar ${ref} <din tekst> · løs ${ref}`]);

    // Mette answers once more in the same thread, then closes it: Anna's next words are offered, not sent.
    await mette.say(`løs ${ref}`);
    expect((await anna.say('Jeg tager bussen derhen')).join('\n')).toMatch(/Skal jeg sende det til Mette Holm\?/);
  });

  it('when the channel shows cards, then each question comes once, as a card whose long options wrap in full, and an old card\'s tap is refused kindly', async () => {
    const { app, channel } = ctx;
    const bo = new ChannelUser(app.url, channel, 'bo', 'conv-bo', 'da-DK', { channelId: 'webchat' });
    await caseworkerAndCitizen('Lise Lund', bo);
    const before = channel.activitiesIn('conv-bo').length;
    await bo.say('hvordan går det');
    // The intro, then the question once: as the card alone, no numbered list beside it.
    const first = channel.activitiesIn('conv-bo').slice(before);
    expect(first.map((activity) => [activity.text ?? '', activity.attachments?.length ?? 0])).toEqual([[expect.stringMatching(/\S/), 0], ['', 1]]);
    const rows = cardOf(first[1])?.body.filter((element) => element.type === 'Container') ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row.items?.[0]).toMatchObject({ type: 'TextBlock', wrap: true });
    expect(rows[0]?.items?.[0]?.text).toMatch(/^1\.\u00a0.{25,}/);
    const firstTap = rows[0]?.selectAction?.data;

    const afterFirst = channel.activitiesIn('conv-bo').length;
    await bo.submit({ verb: 'answer', ...firstTap });
    const second = channel.activitiesIn('conv-bo').slice(afterFirst);
    expect(second).toHaveLength(1);
    expect(JSON.stringify(cardOf(second[0]))).toMatch(/Spørgsmål 2 af 5/);

    expect(await bo.submit({ verb: 'answer', ...firstTap })).toEqual(['Det spørgsmål er allerede besvaret. Her er det, vi er ved nu:', '']);
  });
});
