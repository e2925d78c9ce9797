import { describe, expect, it } from 'vitest';
import { enrolled, staffApi, useServiceWithChannel } from '../support/app.js';
import { rowsContaining, rowsContainingInClear } from '../support/privacySeed.js';

/** Words a citizen and their caseworker write, each found nowhere else. */
const words = {
  message: 'Naboens hund Krompus bed mig ved Yxtrappen',
  goal: 'Blive glasblæser i Quelby',
  step: 'Ringe til værkstedet Vexholm',
  reply: 'Godt du skriver om Krompus, jeg ringer i morgen',
  thread: 'Tak for Yxsvaret om Krompus',
  webChat: 'Hej fra Plimsollvej i webchatten',
  pending: 'Jeg har mistet mit Zorbinakort igen',
};

describe('citizens\' words at rest', () => {
  const context = useServiceWithChannel();

  it('when a citizen writes a message, a goal and a step, talks with the caseworker and uses web chat, then no table holds any of the words in clear, and every one is there sealed', async () => {
    const { app, channel } = context;
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const anna = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: mette.body.id } });
    const citizen = await enrolled(app, channel, anna.body.enrollmentCode, 'anna');
    await citizen.say('ja');
    await citizen.say('1');

    expect((await citizen.say(words.message)).join('\n')).toMatch(/Skal jeg sende det til Mette/);
    await citizen.say('ja');
    await citizen.say('mine mål');
    await citizen.say(words.goal);
    expect((await citizen.say('ja'))[0]).toMatch(/næste lille skridt/);
    await citizen.say(words.step);
    await citizen.say('i morgen');

    const alert = await app.db.prisma.alert.findFirstOrThrow({ where: { citizenId: String(anna.body.id), kind: 'message' } });
    expect((await staffApi(app, 'POST', `/api/admin/alerts/${alert.id}/reply`, { body: { text: words.reply } })).status).toBe(200);
    await citizen.say(words.thread);
    // Out of the conversation and left waiting for the answer to "send it?", the words are in the conversation's state.
    await citizen.say('menu');
    expect((await citizen.say(words.pending)).join('\n')).toMatch(/Skal jeg sende det/);

    const session = (await (await fetch(`${app.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    const posted = await fetch(`${app.url}/v3/directline/conversations/${session.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ type: 'message', text: words.webChat }),
    });
    expect(posted.status).toBe(200);

    const needles = Object.values(words);
    expect(await rowsContainingInClear(app.db.pool, needles)).toEqual({});
    const sealed = await rowsContaining(app.db, needles);
    expect(Object.keys(sealed)).toEqual(
      expect.arrayContaining([
        `Alert: ${words.message}`,
        `Goal: ${words.goal}`,
        `SubGoal: ${words.step}`,
        `AlertEvent: ${words.reply}`,
        `AlertEvent: ${words.thread}`,
        `OutboxMessage: ${words.reply}`,
        `BotState: ${words.pending}`,
        `DirectLineActivity: ${words.webChat}`,
      ]),
    );
    // Whoever may read them reads them as written.
    const read = await staffApi(app, 'GET', `/api/admin/alerts/${alert.id}`);
    expect(JSON.stringify(read.body)).toContain(words.message);
  });
});
