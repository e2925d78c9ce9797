import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
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
});
