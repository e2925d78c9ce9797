import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { TurnContext } from 'botbuilder';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { pino } from 'pino';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import { loadConfig } from '../../bot/config.js';
import { InProcessTurnSerializer, type TurnSerializer } from '../../bot/data/turnSerializer.js';
import { createHttpServer } from '../../bot/http/server.js';

const APP_ID = '6c0fd4c4-0000-4000-8000-00000000b07a';
const APP_PASSWORD = 'the-bots-client-secret-0123456789';
const ISSUER = 'https://identity-stand-in.test';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KID = 'stand-in-key-1';

/** A local stand-in for the Bot Framework's identity provider: OpenID metadata and its signing keys. */
async function startIdentityStandIn(publicJwk: object): Promise<{ server: Server; metadataUrl: string }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: KID, use: 'sig', endorsements: ['msteams', 'test'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openid-configuration` };
}

describe('authentication of /api/messages against a local identity stand-in', () => {
  let identity: Server;
  let bot: restify.Server;
  let url: string;
  let sign: (claims?: JWTPayload, header?: Record<string, unknown>) => Promise<string>;
  let signWithStranger: () => Promise<string>;
  const handled: string[] = [];
  const queued: string[] = [];
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const stranger = await generateKeyPair('RS256');
    const standIn = await startIdentityStandIn(await exportJWK(publicKey));
    identity = standIn.server;
    // The claims a genuine channel token carries; a case overrides one of them.
    const build = (overrides: JWTPayload) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: ISSUER, aud: APP_ID, iat: now, nbf: now - 60, exp: now + 3600, serviceurl: SERVICE_URL, ...overrides });
    };
    sign = (overrides = {}, header = {}) => build(overrides).setProtectedHeader({ alg: 'RS256', kid: KID, ...header }).sign(privateKey);
    signWithStranger = () => build({}).setProtectedHeader({ alg: 'RS256', kid: 'not-a-known-key' }).sign(stranger.privateKey);

    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      ToBotFromChannelOpenIdMetadataUrl: standIn.metadataUrl,
      ToBotFromChannelTokenIssuer: ISSUER,
    });
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ level: 'info' }, logs);
    const serializer = new InProcessTurnSerializer();
    const counting: TurnSerializer = {
      run: (turn, work) => (queued.push(turn.conversationKey), serializer.run(turn, work)),
      idle: () => serializer.idle(),
      close: () => serializer.close(),
    };
    bot = createHttpServer({
      adapter: createAdapter(config, logger),
      bot: { run: async (context: TurnContext) => void handled.push(context.activity.id ?? '') },
      serializer: counting,
      isReady: async () => true,
      maxBodyBytes: 100_000,
      logger,
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(bot.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => bot.close(() => resolve()));
    await new Promise<void>((resolve) => identity.close(() => resolve()));
  });

  const send = (id: string, authorization?: string) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({
        type: 'message',
        id,
        channelId: 'test',
        serviceUrl: SERVICE_URL,
        from: { id: 'someone' },
        recipient: { id: APP_ID },
        conversation: { id: `conv-${id}` },
        text: 'hej',
      }),
    });

  const unsigned = (payload: object, header: object) =>
    `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

  const forged: Array<[string, () => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['alg none', async () => unsigned({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, exp: Math.floor(Date.now() / 1000) + 3600 }, { alg: 'none', kid: KID })],
    [
      'HS256 signed with the app password',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ serviceurl: SERVICE_URL }).setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuer(ISSUER).setAudience(APP_ID).setExpirationTime(now + 3600).sign(new TextEncoder().encode(APP_PASSWORD));
      },
    ],
    ['an unknown signing key', () => signWithStranger()],
    ['expired an hour ago', () => sign({ exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['not valid before an hour from now', () => sign({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['a wrong issuer', () => sign({ iss: 'https://evil.test' })],
    ['a wrong audience', () => sign({ aud: 'someone-elses-bot' })],
    [
      'a tampered payload',
      async () => {
        const [header, payload, signature] = (await sign()).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${Buffer.from(JSON.stringify({ ...claims, aud: APP_ID, extra: 'x' })).toString('base64url')}.${signature}`;
      },
    ],
    ['a serviceUrl claim for another channel', () => sign({ serviceurl: 'https://evil.test/' })],
  ];

  it.each(forged)('when the token has %s, then 401, one log line without a stack, and the turn is neither queued nor run', async (name, token) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = { logs: logLines.length, queued: queued.length };
    const id = `forged-${name.replace(/\W+/g, '-')}`;
    const value = await token();
    const response = await send(id, value === undefined ? undefined : `Bearer ${value}`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toMatch(/\bat \S+ \(/);
    expect(handled).not.toContain(id);
    expect(queued.length).toBe(before.queued);
    const refusals = logLines.slice(before.logs).filter((line) => line.msg === 'inbound activity refused');
    expect(refusals).toHaveLength(1);
    expect(JSON.stringify(refusals[0])).not.toMatch(/\n\s+at /);
    expect(errors.mock.calls.flat().map(String).join('\n')).not.toMatch(/\n\s+at /);
    errors.mockRestore();
  });

  it('when the token is signed correctly for this bot and channel, then the turn runs and the answer is 200', async () => {
    const response = await send('genuine', `Bearer ${await sign()}`);
    expect(response.status).toBe(200);
    expect(handled).toContain('genuine');
  });
});
