import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metteAndAnna, staffApi, TEST_ADMIN_TOKEN, useServiceWithChannel } from '../support/app.js';

/** Text of every kind: lone surrogates, NUL and controls, emoji, right-to-left, very long. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', '\u0000', '\uD83D', '\u202E', 'x'.repeat(3000)));
/** Every byte percent-encoded, so any text can go into a path or a query. */
const asPath = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
/** Any JSON value, nested a little, with nasty strings. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, anyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(anyText, tie('value'), { maxKeys: 4 })),
})).value;

describe('fuzz: generated bodies at every door', () => {
  const service = useServiceWithChannel();
  const statuses: Array<{ door: string; status: number }> = [];
  const send = async (door: string, method: string, path: string, body: unknown, token?: string) => {
    const response = await fetch(`${service.app.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    await response.arrayBuffer();
    statuses.push({ door, status: response.status });
    return response.status;
  };

  it('when 600 generated bodies reach /api/messages, the staff API and the Direct Line, then none is answered 5xx, and the service stays healthy', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await metteAndAnna(app, channel);
    for (const words of ['noget har ændret sig', '1', 'spring over', 'Jeg er syg', 'ja']) await citizen.say(words);
    const alertIds = ((await staffApi(app, 'GET', '/api/admin/alerts?status=all')).body as unknown as Array<{ id: string }>).map((alert) => alert.id);
    const session = (await (await fetch(`${app.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };

    // Activities: mostly shaped like a channel's (so the bot really runs), some fields anything at all.
    const mostly = <T,>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: other });
    const activity = fc.record(
      {
        type: mostly(fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'messageReaction', 'typing', 'event', 'installationUpdate'), anyText),
        id: anyText,
        channelId: mostly(fc.constant('test'), anyText),
        serviceUrl: mostly(fc.constant(channel.serviceUrl), anyText),
        from: mostly(fc.record({ id: fc.oneof(fc.constantFrom('fuzzer', 'anna'), anyText.filter((id) => id.length > 0)), name: anyText, aadObjectId: anyText }, { requiredKeys: ['id'] }), anyJson),
        recipient: fc.record({ id: anyText }),
        conversation: mostly(fc.record({ id: fc.oneof(fc.constantFrom('conv-fuzz', 'conv-anna'), anyText.filter((id) => id.length > 0)) }), anyJson),
        text: anyText,
        value: anyJson,
        locale: fc.oneof(fc.constantFrom('da-DK', 'en', 'xx'), anyText),
        membersAdded: fc.array(fc.record({ id: anyText }), { maxLength: 2 }),
        attachments: fc.array(anyJson, { maxLength: 2 }),
        channelData: anyJson,
        timestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), anyText),
      },
      { requiredKeys: ['type', 'channelId', 'serviceUrl', 'from', 'conversation'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: activity }, { weight: 1, arbitrary: anyJson }), async (body) => {
        expect(await send('/api/messages', 'POST', '/api/messages', body)).toBeLessThan(500);
      }),
      { numRuns: 250 },
    );

    // The staff API: every kind of write, with generated bodies and ids.
    const staffCall = fc.oneof(
      fc.record({ method: fc.constant('POST'), path: fc.constant('/api/admin/caseworkers'), body: fc.oneof(anyJson, fc.record({ name: anyText, email: anyText, aadObjectId: anyText, role: anyText })) }),
      fc.record({ method: fc.constant('POST'), path: fc.constant('/api/admin/citizens'), body: fc.oneof(anyJson, fc.record({ displayName: anyText, caseworkerId: anyText, locale: anyText, programme: anyText })) }),
      fc.record({ method: fc.constant('PUT'), path: fc.constant('/api/admin/settings'), body: anyJson }),
      fc.record({ method: fc.constant('PUT'), path: fc.constant(`/api/admin/citizens/${citizenId}/schedule`), body: fc.oneof(anyJson, fc.record({ paused: anyJson, nextCheckInAt: anyText, checkInCadence: anyText })) }),
      fc.record({ method: fc.constant('PUT'), path: fc.constant(`/api/admin/citizens/${citizenId}/assessment`), body: fc.oneof(anyJson, fc.record({ score: anyJson, note: anyText })) }),
      fc.record({ method: fc.constant('POST'), path: fc.constantFrom(...alertIds.map((id) => `/api/admin/alerts/${id}/reply`)), body: fc.oneof(anyJson, fc.record({ text: anyText })) }),
      fc.record({ method: fc.constantFrom('GET', 'POST'), path: anyText.map((id) => `/api/admin/alerts/${asPath(id)}`), body: fc.constant(undefined) }),
    );
    await fc.assert(
      fc.asyncProperty(staffCall, async ({ method, path, body }) => {
        expect(await send('staff API', method, path, body, TEST_ADMIN_TOKEN)).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );

    // The Direct Line: activities from the page, watermarks, and the token exchange.
    const directLineCall = fc.oneof(
      fc.record({ method: fc.constant('POST'), path: fc.constant(`/v3/directline/conversations/${session.conversationId}/activities`), body: fc.oneof(anyJson, fc.record({ type: fc.oneof(fc.constant('message'), anyText), text: anyText, value: anyJson, channelData: anyJson })) }),
      fc.record({ method: fc.constant('GET'), path: anyText.map((mark) => `/v3/directline/conversations/${session.conversationId}/activities?watermark=${asPath(mark)}`), body: fc.constant(undefined) }),
      fc.record({ method: fc.constant('POST'), path: fc.constant('/api/webchat/token'), body: fc.oneof(anyJson, fc.record({ token: anyText })) }),
    );
    await fc.assert(
      fc.asyncProperty(directLineCall, async ({ method, path, body }) => {
        expect(await send('Direct Line', method, path, body, session.token)).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );

    expect(statuses.length).toBeGreaterThanOrEqual(600);
    expect(statuses.filter((entry) => entry.status >= 500)).toEqual([]);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  }, 300_000);
});
