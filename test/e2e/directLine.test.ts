import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp } from '../support/app.js';

interface Session {
  token: string;
  conversationId: string;
  resumed: boolean;
}

describe('the embedded Direct Line', () => {
  let app: RunningApp & { dataDir: string };

  const call = (path: string, token: string | undefined, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${app.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const session = async (previous?: string): Promise<Session> =>
    (await (await call('/api/webchat/token', undefined, { method: 'POST', body: { token: previous } })).json()) as Session;
  const activities = async (s: Session) =>
    ((await (await call(`/v3/directline/conversations/${s.conversationId}/activities?watermark=0`, s.token)).json()) as { activities: Array<{ text?: string; from: { id: string } }> }).activities;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when there is no valid token, then 401; a token for one conversation cannot read or write another (403)', async () => {
    const mine = await session();
    const theirs = await session();
    expect((await call(`/v3/directline/conversations/${mine.conversationId}/activities`, undefined, { method: 'POST', body: { type: 'message', text: 'hej' } })).status).toBe(401);
    expect((await call(`/v3/directline/conversations/${mine.conversationId}/activities`, 'forged.token')).status).toBe(401);
    expect((await call(`/v3/directline/conversations/${theirs.conversationId}/activities`, mine.token)).status).toBe(403);
    expect((await call(`/v3/directline/conversations/${theirs.conversationId}/activities`, mine.token, { method: 'POST', body: { type: 'message', text: 'x' } })).status).toBe(403);
  });

  it('when the browser claims another user id, then the server-bound one is used', async () => {
    const s = await session();
    await call('/v3/directline/conversations', s.token, { method: 'POST' });
    await call(`/v3/directline/conversations/${s.conversationId}/activities`, s.token, { method: 'POST', body: { type: 'message', text: 'hej', from: { id: 'someone-else' } } });
    const own = (await activities(s)).filter((activity) => activity.text === 'hej');
    expect(own).toHaveLength(1);
    expect(own[0]?.from.id).not.toBe('someone-else');
  });

  it('when the service restarts, then the page\'s token still resumes the same conversation with its history', async () => {
    const s = await session();
    await call('/v3/directline/conversations', s.token, { method: 'POST' });
    await call(`/v3/directline/conversations/${s.conversationId}/activities`, s.token, { method: 'POST', body: { type: 'message', text: 'hej' } });
    await vi.waitFor(async () => expect((await activities(s)).length).toBeGreaterThanOrEqual(3));
    const before = await activities(s);

    await app.stop();
    app = await startTestApp({ DATA_DIR: app.dataDir });
    const resumed = await session(s.token);
    expect(resumed).toMatchObject({ conversationId: s.conversationId, resumed: true });
    expect(await activities(resumed)).toEqual(before);
  });
});
