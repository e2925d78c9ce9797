import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import type { Activity } from 'botbuilder';
import { type ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActivityPoster, ChannelRequestError, postingThrough } from '../../bot/messaging/activityPoster.js';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A channel answering from a script (then 200 with an id), recording every request. */
class ScriptedChannel {
  readonly received: Received[] = [];
  script: Answer[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
        const answer = this.script.shift() ?? { status: 200, body: JSON.stringify({ id: `activity-${this.received.length}` }) };
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

const unsigned = new MicrosoftAppCredentials('', '');
const reply: Partial<Activity> = { type: 'message', text: 'Tak, det er gemt.', replyToId: 'm-1', conversation: { id: 'c-1' } as Activity['conversation'] };

describe('a turn\'s replies posted straight to the channel', () => {
  const channel = new ScriptedChannel();
  const waits: number[] = [];
  const poster = (serviceUrl = channel.url, credentials: ConnectorClient['credentials'] = unsigned) =>
    new ActivityPoster(serviceUrl, credentials, { sleep: async (ms) => void waits.push(ms), random: () => 0, now: () => new Date('2026-12-07T10:00:00Z') });

  beforeAll(() => channel.start());
  afterAll(() => channel.stop());
  afterEach(() => {
    channel.received.length = 0;
    channel.script = [];
    waits.length = 0;
  });

  it('when a turn replies, then the activity is POSTed as JSON to the reply address and the channel\'s id comes back', async () => {
    const response = await poster().replyToActivity('a:1Xy;messageid=9', 'm/1', reply);
    expect(response).toEqual({ id: 'activity-1' });
    const [request] = channel.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/v3/conversations/${encodeURIComponent('a:1Xy;messageid=9')}/activities/${encodeURIComponent('m/1')}`);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers['x-ms-conversation-id']).toBe('a:1Xy;messageid=9');
    expect(request?.body).toEqual(reply);
  });

  it('when a turn sends without replying, then it goes to the conversation\'s activities', async () => {
    await poster().sendToConversation('c-2', { type: 'message', text: 'hej' });
    expect(channel.received[0]?.path).toBe('/v3/conversations/c-2/activities');
  });

  it('when the service URL has a path, with or without a closing slash, then the path is kept', async () => {
    await poster(`${channel.url}/emea`).sendToConversation('c-3', { type: 'message' });
    await poster(`${channel.url}/api/webchat/callback/secret/`).sendToConversation('c-3', { type: 'message' });
    expect(channel.received.map((request) => request.path)).toEqual(['/emea/v3/conversations/c-3/activities', '/api/webchat/callback/secret/v3/conversations/c-3/activities']);
  });

  it('when the bot has an identity, then every request carries the token its credentials give', async () => {
    const tokens = ['first-token', 'renewed-token'];
    // As botbuilder's AppCredentials: the token is awaited (from its cache, or fetched) before the header is set.
    const signing = {
      signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
        const token = await new Promise<string | undefined>((resolve) => setImmediate(() => resolve(tokens.shift())));
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    };
    channel.script = [{ status: 503 }];
    await poster(channel.url, signing as unknown as ConnectorClient['credentials']).sendToConversation('c-4', { type: 'message' });
    expect(channel.received.map((request) => request.headers.authorization)).toEqual(['Bearer first-token', 'Bearer renewed-token']);
  });

  it('when the bot runs in local mode (no app id), then no Authorization header is sent', async () => {
    await poster().sendToConversation('c-5', { type: 'message' });
    expect(channel.received[0]?.headers.authorization).toBeUndefined();
  });

  it('when the channel answers 200 with no body or not JSON, then the reply counts as sent, without an id', async () => {
    channel.script = [{ status: 200 }, { status: 201, body: '<html>ok</html>' }];
    await expect(poster().sendToConversation('c-6', { type: 'message' })).resolves.toEqual({});
    await expect(poster().sendToConversation('c-6', { type: 'message' })).resolves.toEqual({});
  });

  it('when the channel answers 429 with Retry-After, then the poster waits that long and tries again', async () => {
    channel.script = [{ status: 429, headers: { 'retry-after': '3' } }];
    await expect(poster().sendToConversation('c-7', { type: 'message' })).resolves.toEqual({ id: 'activity-2' });
    expect(waits).toEqual([3000]);
    expect(channel.received).toHaveLength(2);
  });

  it('when the channel fails with 500 three times, then the fourth try gets through after doubling pauses', async () => {
    channel.script = [{ status: 500 }, { status: 502 }, { status: 408 }];
    await expect(poster().sendToConversation('c-8', { type: 'message' })).resolves.toEqual({ id: 'activity-4' });
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('when the channel keeps failing, then after four tries the error carries its status and code', async () => {
    channel.script = Array.from({ length: 4 }, () => ({ status: 503, body: JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'Anna skrev …' } }) }));
    const failure = await poster().sendToConversation('c-9', { type: 'message' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelRequestError);
    expect(failure).toMatchObject({ statusCode: 503, code: 'ServiceUnavailable' });
    expect((failure as Error).message).not.toContain('Anna');
    expect(channel.received).toHaveLength(4);
  });

  it.each([
    [400, 'BadArgument'],
    [403, 'BotNotInConversationRoster'],
    [404, 'ConversationNotFound'],
    [501, 'NotImplemented'],
  ])('when the channel answers %i, then the poster does not try again', async (status, code) => {
    channel.script = [{ status, body: JSON.stringify({ error: { code } }), headers: { 'x-request': 'r-1' } }];
    const failure = (await poster().sendToConversation('c-10', { type: 'message' }).catch((error: unknown) => error)) as ChannelRequestError;
    expect(failure).toMatchObject({ statusCode: status, code });
    expect(failure.response?.headers.get('X-Request')).toBe('r-1');
    expect(channel.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('when the channel asks for a longer pause than a turn may wait, then the turn is not held: it fails at once', async () => {
    channel.script = [{ status: 429, headers: { 'retry-after': '120' } }];
    const failure = await poster().sendToConversation('c-11', { type: 'message' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ statusCode: 429 });
    expect(waits).toEqual([]);
  });

  it('when nothing listens at the channel\'s address, then it is tried four times and fails with the socket\'s code', async () => {
    const closed = new ScriptedChannel();
    await closed.start();
    await closed.stop();
    const failure = await poster(closed.url).sendToConversation('c-12', { type: 'message' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ statusCode: undefined, code: 'ECONNREFUSED' });
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('when what answers at the channel\'s address does not speak HTTP, then it fails at once, not tried again', async () => {
    const sockets: Socket[] = [];
    const notHttp = createNetServer((socket) => void sockets.push(socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n')));
    await new Promise<void>((resolve) => notHttp.listen(0, '127.0.0.1', resolve));
    try {
      const failure = await poster(`http://127.0.0.1:${(notHttp.address() as AddressInfo).port}`).sendToConversation('c-13', { type: 'message' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ChannelRequestError);
      expect(failure).toMatchObject({ statusCode: undefined, code: 'HPE_INVALID_CONSTANT' });
      expect(waits).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => notHttp.close(() => resolve()));
    }
  });
});

describe('which calls of a connector client go through the poster', () => {
  const calls: string[] = [];
  const client = {
    credentials: unsigned,
    conversations: {
      replyToActivity: async (...args: unknown[]) => (calls.push(`botbuilder reply/${args.length}`), { id: 'b' }),
      sendToConversation: async (...args: unknown[]) => (calls.push(`botbuilder send/${args.length}`), { id: 'b' }),
      updateActivity: async () => (calls.push('botbuilder update'), { id: 'b' }),
    },
  } as unknown as ConnectorClient;
  const poster = {
    replyToActivity: async () => (calls.push('poster reply'), { id: 'p' }),
    sendToConversation: async () => (calls.push('poster send'), { id: 'p' }),
  } as unknown as ActivityPoster;

  afterEach(() => void (calls.length = 0));

  it('sends replies and messages through the poster, and leaves every other call, and the callback forms, to botbuilder', async () => {
    const wrapped = postingThrough(client, poster, {});
    await wrapped.conversations.replyToActivity('c', 'm', {} as Activity);
    await wrapped.conversations.sendToConversation('c', {} as Activity);
    await wrapped.conversations.updateActivity('c', 'm', {} as Activity);
    await (wrapped.conversations.sendToConversation as (...args: unknown[]) => Promise<unknown>)('c', {}, {}, () => {});
    expect(calls).toEqual(['poster reply', 'poster send', 'botbuilder update', 'botbuilder send/4']);
    expect(wrapped.credentials).toBe(client.credentials);
  });

  it.each(['HTTPS_PROXY', 'http_proxy', 'ALL_PROXY'])('when %s is set, then the client is left to botbuilder, which honours proxies', async (variable) => {
    const wrapped = postingThrough(client, poster, { [variable]: 'http://proxy.kommune.test:3128' });
    await wrapped.conversations.sendToConversation('c', {} as Activity);
    expect(calls).toEqual(['botbuilder send/2']);
  });
});
