import { describe, expect, it } from 'vitest';
import { metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';

const FAMILY = '👨‍👩‍👧‍👦';
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What broke writes before: NUL, a lone surrogate (half an emoji), a bidi override, a decomposed letter. */
const NASTY = ['\u0000', '\uD83D', '\uDE00', '\u202E', 'e\u0301', FAMILY, '\u200F'];

describe('text that PostgreSQL refuses, sent through every door', () => {
  const service = useServiceWithChannel();

  it('when Anna reports an illness with a NUL, half an emoji and a ZWJ family emoji, then Mette gets the alert and the stored text is valid', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await metteAndAnna(app, channel);
    expect((await citizen.say('noget har ændret sig')).join('\n')).toMatch(/Hvad er der sket/);
    expect((await citizen.say('1')).join('\n')).toMatch(/Fra hvornår og til hvornår/);
    await citizen.say('spring over');
    expect((await citizen.say(`jeg er blevet syg\u0000 \uD83D ${FAMILY}`)).join('\n')).toMatch(/Skal jeg sende det/);
    const before = channel.activitiesIn('conv-mette').length;
    expect((await citizen.say('ja'))[0]).toMatch(/Jeg har sendt det til Mette Holm/);
    await channel.waitForMessages('conv-mette', before + 1, 5_000);
    expect(channel.activitiesIn('conv-mette').slice(before).some((activity) => /Syg eller indlagt fra Anna/.test(activity.text ?? ''))).toBe(true);

    const stored = JSON.stringify(await app.db.prisma.alert.findFirstOrThrow({ where: { citizenId, kind: 'illness' } }));
    expect(stored).toContain(`jeg er blevet syg \uFFFD ${FAMILY}`);
    expect(stored).not.toMatch(LONE);
  });

  it('when the staff API gets the same characters in names and replies, then it answers 2xx or 4xx, never 500', async () => {
    const { app } = service;
    const caseworker = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: `Ole${NASTY.join('')}`, email: 'ole@example.dk' } });
    expect(caseworker.status).toBe(201);
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: `Bo${NASTY.join('')}`, caseworkerId: caseworker.body.id } });
    expect(citizen.status).toBe(201);
    const summary = await staffApi(app, 'GET', `/api/admin/citizens/${citizen.body.id}`);
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.body)).not.toMatch(LONE);
    for (const path of ['/api/admin/alerts/\u0000', '/api/admin/citizens/%ED%A0%BD', '/api/admin/alerts?status=\u0000']) {
      expect((await staffApi(app, 'GET', path)).status).toBeLessThan(500);
    }
    const open = (await staffApi(app, 'GET', '/api/admin/alerts?status=open')).body as unknown as Array<{ id: string }>;
    const reply = await staffApi(app, 'POST', `/api/admin/alerts/${open[0]?.id}/reply`, { body: { text: `God bedring${NASTY.join('')}` } });
    expect(reply.status).toBeLessThan(500);
  });

  it('when the Direct Line and /api/messages get the same characters in text and ids, then they answer 2xx or 4xx, never 500', async () => {
    const { app, channel } = service;
    const call = (path: string, token: string | undefined, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const session = (await (await call('/api/webchat/token', undefined, {})).json()) as { token: string; conversationId: string };
    const posted = await call(`/v3/directline/conversations/${session.conversationId}/activities`, session.token, { type: 'message', text: NASTY.join(' '), value: { [NASTY.join('')]: NASTY } });
    expect(posted.status).toBe(200);
    const read = await call(`/v3/directline/conversations/${session.conversationId}/activities?watermark=0`, session.token);
    expect(read.status).toBe(200);
    expect(await read.text()).not.toMatch(/\\ud83d(?!\\ude)/i);
    expect((await call('/v3/directline/conversations/wc-%00%ED%A0%BD/activities', session.token)).status).toBeLessThan(500);

    const activity = {
      type: 'message',
      channelId: 'test\u0000',
      serviceUrl: channel.serviceUrl,
      from: { id: `u-${NASTY.join('')}` },
      recipient: { id: 'bot' },
      conversation: { id: `c-\u0000-${NASTY.join('')}` },
      text: NASTY.join(' '),
    };
    expect((await call('/api/messages', undefined, activity)).status).toBeLessThan(500);
  });
});
