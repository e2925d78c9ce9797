import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { type BotFrameworkAuthentication, ConnectorClient } from 'botframework-connector';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, ProactiveMessenger } from '../../bot/messaging/proactiveMessenger.js';
import { LOOPBACK_HOSTS } from '../../domain/serviceUrls.js';

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Partial<Activity>;
}

/** A channel that records what reaches it and answers with the status a test asks for. */
class RecordingChannel {
  private server?: Server;
  received: Received[] = [];
  status = 200;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(body || '{}') as Partial<Activity> });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(this.status < 300 ? JSON.stringify({ id: `sent-${this.received.length}` }) : '{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * Authentication whose connector clients sign every request with a fresh token, as botbuilder's
 * app credentials do (from their cache, renewed before expiry): counts clients made and tokens used.
 */
function countingAuthentication() {
  const counts = { clients: 0, tokens: 0, failNextCreate: false, claims: [] as Array<{ type: string; value: string }> };
  const credentials = {
    signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
      counts.tokens += 1;
      request.headers.set('authorization', `Bearer token-${counts.tokens}`);
      return request;
    },
  };
  const auth = {
    createConnectorFactory: (identity: { claims: Array<{ type: string; value: string }> }) => ({
      create: async (serviceUrl: string) => {
        if (counts.failNextCreate) {
          counts.failNextCreate = false;
          throw new Error('no token');
        }
        counts.clients += 1;
        counts.claims = identity.claims;
        return new ConnectorClient(credentials as never, { baseUri: serviceUrl });
      },
    }),
  } as unknown as BotFrameworkAuthentication;
  return { auth, counts };
}

const channel = new RecordingChannel();
let serviceUrl: string;
const reference = () => ({
  serviceUrl,
  channelId: 'msteams',
  activityId: 'the-citizens-last-message',
  conversation: { id: 'a:conversation-1', isGroup: false, conversationType: 'personal', name: '' },
  user: { id: '29:citizen', name: 'Anna' },
  bot: { id: '28:bot', name: 'Ledsager' },
  locale: 'da-DK',
});

beforeAll(async () => {
  serviceUrl = await channel.start();
});
afterAll(() => channel.stop());
beforeEach(() => {
  channel.received = [];
  channel.status = 200;
});

describe('proactive messages', () => {
  it('when two messages go to one chat service, then one client sends both, each request signed with the token of its moment', async () => {
    const { auth, counts } = countingAuthentication();
    const messenger = new ProactiveMessenger(auth, 'bot-app-id', LOOPBACK_HOSTS);

    const ids = [await messenger.send(reference(), { text: 'Hej Anna' }), await messenger.send(reference(), { text: 'Husk dit skridt' })];

    expect(ids).toEqual(['sent-1', 'sent-2']);
    expect(counts.clients).toBe(1);
    // The connector acts as the bot itself, as a proactive turn would (audience and app id claims).
    expect(counts.claims).toEqual([
      { type: 'aud', value: 'bot-app-id' },
      { type: 'appid', value: 'bot-app-id' },
    ]);
    expect(channel.received.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['POST', '/v3/conversations/a%3Aconversation-1/activities', 'Bearer token-1'],
      ['POST', '/v3/conversations/a%3Aconversation-1/activities', 'Bearer token-2'],
    ]);
  });

  it('when a message is sent, then it is addressed from the bot to the person in their conversation, and not as a reply', async () => {
    const messenger = new ProactiveMessenger(countingAuthentication().auth, 'bot-app-id', LOOPBACK_HOSTS);

    await messenger.send(reference(), { id: 'made-up-by-the-caller', text: 'Hej Anna' });

    expect(channel.received[0]?.body.id).toBeUndefined();
    expect(channel.received[0]?.body).toMatchObject({
      type: 'message',
      text: 'Hej Anna',
      channelId: 'msteams',
      serviceUrl,
      locale: 'da-DK',
      from: { id: '28:bot' },
      recipient: { id: '29:citizen' },
      conversation: { id: 'a:conversation-1' },
    });
    expect(channel.received[0]?.body.replyToId).toBeUndefined();
  });

  it('when a sent card is updated, then the channel is asked to replace that activity', async () => {
    const messenger = new ProactiveMessenger(countingAuthentication().auth, 'bot-app-id', LOOPBACK_HOSTS);

    await messenger.update(reference(), { id: 'card-7', type: 'message', text: 'Kvitteret' });

    expect(channel.received.map((r) => [r.method, r.path, r.body.text])).toEqual([['PUT', '/v3/conversations/a%3Aconversation-1/activities/card-7', 'Kvitteret']]);
  });

  it.each([
    [403, 'unreachable'],
    [404, 'unreachable'],
    [400, 'retryable'],
  ])('when the channel answers %i, then the failure is %s, and the outcome is observed', async (status, kind) => {
    const outcomes: Array<DeliveryError | 'delivered'> = [];
    const messenger = new ProactiveMessenger(countingAuthentication().auth, 'bot-app-id', LOOPBACK_HOSTS, (outcome) => outcomes.push(outcome));
    channel.status = status;

    const failure = await messenger.send(reference(), { text: 'Hej' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ kind, statusCode: status });
    expect(outcomes).toEqual([failure]);
  });

  it('when the chat service is not on the allowlist, then nothing is sent and the message is refused', async () => {
    const { auth, counts } = countingAuthentication();
    const messenger = new ProactiveMessenger(auth, 'bot-app-id', ['smba.trafficmanager.net']);

    await expect(messenger.send(reference(), { text: 'Hej' })).rejects.toMatchObject({ kind: 'refused' });
    expect(counts.clients).toBe(0);
    expect(channel.received).toEqual([]);
  });

  it('when more chat services are in use than clients are kept, then the least recently used one is made afresh, not the busy one', async () => {
    const { auth, counts } = countingAuthentication();
    const messenger = new ProactiveMessenger(auth, 'bot-app-id', LOOPBACK_HOSTS);
    const region = (name: string) => ({ ...reference(), serviceUrl: `${serviceUrl}/${name}/` });
    const send = (name: string) => messenger.send(region(name), { text: 'Hej' });

    await send('busy');
    for (let i = 1; i <= 63; i += 1) await send(`region-${i}`);
    await send('busy');
    await send('one-more');
    await send('busy');
    await send('region-1');

    expect(counts.clients).toBe(1 + 63 + 1 + 1);
    expect(channel.received.at(-1)?.path).toBe('/region-1/v3/conversations/a%3Aconversation-1/activities');
  });

  it('when the bot runs without an app id (local mode), then botbuilder\'s own authentication sends without a token', async () => {
    const messenger = new ProactiveMessenger(new ConfigurationBotFrameworkAuthentication({}), '', LOOPBACK_HOSTS);

    await expect(messenger.send(reference(), { text: 'Hej' })).resolves.toBe('sent-1');
    expect(channel.received.map((r) => r.authorization)).toEqual([undefined]);
  });

  it('when making the client fails once (no token), then the next message makes it afresh and is sent', async () => {
    const { auth, counts } = countingAuthentication();
    const messenger = new ProactiveMessenger(auth, 'bot-app-id', LOOPBACK_HOSTS);
    counts.failNextCreate = true;

    await expect(messenger.send(reference(), { text: 'Hej' })).rejects.toMatchObject({ kind: 'retryable' });
    await expect(messenger.send(reference(), { text: 'Hej igen' })).resolves.toBe('sent-1');
    expect(counts.clients).toBe(1);
  });
});
