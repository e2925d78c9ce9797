import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { deleteUnusedConversations } from '../../bot/webchat/webchatHousekeeping.js';
import { startTestApp } from '../support/app.js';

describe('the embedded Direct Line keeps its secrets and its limits', () => {
  let app: RunningApp;
  const call = (path: string, token: string | undefined, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${app.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when a page starts, writes, reads the bot\'s replies and refreshes, then no answer it can read holds the callback secret', async () => {
    const seen: string[] = [];
    const read = async (response: Response) => {
      const text = await response.text();
      seen.push(text);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const session = (await read(await call('/api/webchat/token', undefined, { method: 'POST', body: {} }))) as { token: string; conversationId: string };
    await read(await call('/v3/directline/conversations', session.token, { method: 'POST' }));
    await read(await call(`/v3/directline/conversations/${session.conversationId}/activities`, session.token, { method: 'POST', body: { type: 'message', text: 'hej' } }));
    const history = await read(await call(`/v3/directline/conversations/${session.conversationId}/activities?watermark=0`, session.token));
    await read(await call('/v3/directline/tokens/refresh', session.token, { method: 'POST' }));
    await read(await call('/api/webchat/token', undefined, { method: 'POST', body: { token: session.token } }));

    // The bot did answer (so its replies, which botbuilder stamps with the serviceUrl, were among what was read).
    expect((history.activities as Array<{ from: { role?: string } }>).some((activity) => activity.from.role === 'bot')).toBe(true);
    const { rows } = await app.db.pool.query<{ data: { secret: string } }>(`SELECT data FROM "BotState" WHERE key = '_ledsager/webchat-secret'`);
    const secret = rows[0]!.data.secret;
    const callbackKey = createHash('sha256').update(`callback:${secret}`).digest('hex').slice(0, 32);
    for (const body of seen) {
      expect(body).not.toContain(callbackKey);
      expect(body).not.toContain(secret);
      expect(body).not.toContain('/directline/callback/');
    }
    const stored = await app.db.pool.query<{ activity: unknown }>('SELECT activity FROM "DirectLineActivity"');
    expect(JSON.stringify(stored.rows)).not.toContain(callbackKey);
  });

  it('when a page asks from a watermark beyond 2^31, then it gets 400, not 500', async () => {
    const session = (await (await call('/api/webchat/token', undefined, { method: 'POST', body: {} })).json()) as { token: string; conversationId: string };
    expect((await call(`/v3/directline/conversations/${session.conversationId}/activities?watermark=2147483648`, session.token)).status).toBe(400);
    expect((await call(`/v3/directline/conversations/${session.conversationId}/activities?watermark=99999999999999999999`, session.token)).status).toBe(400);
    expect((await call(`/v3/directline/conversations/${session.conversationId}/activities?watermark=2147483647`, session.token)).status).toBe(200);
  });

  it('when one client sends 50 wrong codes across 10 new conversations, then after 10 every further code is refused as locked out', async () => {
    const replies: string[] = [];
    for (let conversation = 0; conversation < 10; conversation += 1) {
      const session = (await (await call('/api/webchat/token', undefined, { method: 'POST', body: {} })).json()) as { token: string; conversationId: string };
      await call('/v3/directline/conversations', session.token, { method: 'POST' });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const path = `/v3/directline/conversations/${session.conversationId}/activities`;
        const before = ((await (await call(`${path}?watermark=0`, session.token)).json()) as { activities: unknown[] }).activities.length;
        expect((await call(path, session.token, { method: 'POST', body: { type: 'message', text: `WXYZ-${2345 + conversation * 5 + attempt}` } })).status).toBe(200);
        const after = ((await (await call(`${path}?watermark=0`, session.token)).json()) as { activities: Array<{ text?: string; from: { role?: string } }> }).activities;
        replies.push(after.slice(before).filter((activity) => activity.from.role === 'bot').map((activity) => activity.text ?? '').join(' '));
      }
    }
    expect(replies).toHaveLength(50);
    expect(replies.slice(0, 10).every((reply) => /Den kode kender jeg ikke/.test(reply))).toBe(true);
    expect(replies.slice(10).every((reply) => /prøvet mange forkerte koder/.test(reply))).toBe(true);
  });

  it('when a web-chat conversation was never written in for a day, then housekeeping deletes it and keeps those with a message', async () => {
    const open = async () => (await (await call('/api/webchat/token', undefined, { method: 'POST', body: {} })).json()) as { token: string; conversationId: string };
    const idle = await open();
    const used = await open();
    await call(`/v3/directline/conversations/${used.conversationId}/activities`, used.token, { method: 'POST', body: { type: 'message', text: 'hej' } });
    await deleteUnusedConversations(app.db.prisma, new Date(Date.now() + 25 * 3_600_000));
    expect(await app.db.prisma.directLineConversation.findUnique({ where: { id: idle.conversationId } })).toBeNull();
    expect(await app.db.prisma.directLineConversation.findUnique({ where: { id: used.conversationId } })).not.toBeNull();
  });

  it('when one client asks for 1,000 tokens, then it is limited with 429 and Retry-After, and few conversations are made', async () => {
    const before = await app.db.prisma.directLineConversation.count();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 1000; i += 1) {
      const response = await call('/api/webchat/token', undefined, { method: 'POST', body: {} });
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(950);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await app.db.prisma.directLineConversation.count()) - before).toBeLessThanOrEqual(30);
  });
});
