import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  conversationId: string;
  /** The id the channel gave it. */
  id?: string;
  /** When the channel received it (ms since epoch). */
  receivedAt?: number;
  type: string;
  text?: string;
  attachments?: unknown[];
}

/**
 * A local HTTP server standing in for a Bot Framework channel: it receives the
 * bot's replies and proactive messages at {serviceUrl}/v3/conversations/… .
 */
export class StandInChannel {
  readonly received: ReceivedActivity[] = [];
  /** Requests refused on purpose, per conversation: how many more, with which status. */
  private readonly failures = new Map<string, { remaining: number; status: number; retryAfter?: string }>();
  /** Teams roster entries the channel answers member look-ups with, by user id. */
  readonly members = new Map<string, { email: string }>();
  /** Every request the channel answered with a failure, in order. */
  readonly refused: Array<{ conversationId: string; status: number; at: number }> = [];
  /** Activities the bot replaced (Teams' updateActivity), in order. */
  readonly updated: Array<{ conversationId: string; activityId: string; attachments?: unknown[]; text?: string }> = [];
  private readonly waiters: Array<{ check: () => boolean; resolve: () => void }> = [];
  private server?: Server;
  private nextId = 1;
  serviceUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(req.url ?? '');
        if (req.method === 'GET' && member) {
          const found = this.members.get(decodeURIComponent(member[1] as string));
          res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
          res.end(JSON.stringify(found ? { id: member[1], ...found } : { error: { code: 'NotFound' } }));
          return;
        }
        const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)/.exec(req.url ?? '');
        if (req.method === 'PUT' && update) {
          const activity = body as { text?: string; attachments?: unknown[] };
          this.updated.push({ conversationId: decodeURIComponent(update[1] as string), activityId: decodeURIComponent(update[2] as string), ...activity });
          this.notify();
        }
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && match) {
          const conversationId = decodeURIComponent(match[1] as string);
          const failure = this.failures.get(conversationId);
          if (failure && failure.remaining > 0) {
            failure.remaining -= 1;
            this.refused.push({ conversationId, status: failure.status, at: Date.now() });
            res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) });
            res.end(JSON.stringify({ error: { code: 'StandInFailure', message: 'refused on purpose' } }));
            return;
          }
          const activity = body as { type: string; text?: string; attachments?: unknown[] };
          // The id answered below, so a test can match a later update to this activity.
          this.received.push({ conversationId, receivedAt: Date.now(), ...activity, id: `reply-${this.nextId}` });
          this.notify();
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.nextId++}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.serviceUrl = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next `count` requests into the conversation are answered with `status` (and Retry-After, if given). */
  failNext(conversationId: string, count: number, status: number, retryAfter?: string): void {
    this.failures.set(conversationId, { remaining: count, status, ...(retryAfter ? { retryAfter } : {}) });
  }

  /** Everything the bot sent into one conversation, cards included. */
  activitiesIn(conversationId: string): ReceivedActivity[] {
    return this.received.filter((activity) => activity.conversationId === conversationId && activity.type === 'message');
  }

  /** Messages the bot sent into one conversation, in order. */
  textsIn(conversationId: string): string[] {
    return this.received
      .filter((activity) => activity.conversationId === conversationId && activity.type === 'message')
      .map((activity) => activity.text ?? '');
  }

  /** Resolves once `count` messages have arrived in the conversation; rejects after `timeoutMs`. */
  waitForMessages(conversationId: string, count: number, timeoutMs = 10_000): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} messages in ${conversationId}, got ${JSON.stringify(this.textsIn(conversationId))}`)),
        timeoutMs,
      );
      const waiter = {
        check: () => this.textsIn(conversationId).length >= count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.textsIn(conversationId));
        },
      };
      if (waiter.check()) waiter.resolve();
      else this.waiters.push(waiter);
    });
  }

  /** Resolves once `condition` holds after some message arrived; rejects after `timeoutMs`. */
  waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`condition not met within ${timeoutMs} ms (${this.received.length} received)`)), timeoutMs);
      const waiter = { check: condition, resolve: () => (clearTimeout(timer), resolve()) };
      if (condition()) waiter.resolve();
      else this.waiters.push(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** A person chatting through the stand-in channel: each `say` is POSTed to /api/messages as a channel would. */
export class ChannelUser {
  private sequence = 0;
  constructor(
    private readonly botUrl: string,
    private readonly channel: StandInChannel,
    readonly userId: string,
    readonly conversationId: string,
    private readonly locale = 'da-DK',
    /** Channel and Teams fields, to act as Teams ("msteams") with an Azure AD object id. */
    private readonly as: { channelId?: string; aadObjectId?: string } = {},
  ) {}

  /**
   * Sends a message and resolves with the replies of that turn. The bot POSTs
   * its replies to the channel during the turn, and answers the channel's
   * request only when the turn is over, so they have all arrived by then.
   */
  async say(text: string): Promise<string[]> {
    return this.send({ text });
  }

  /** Clicks a card button: sends its submit data, as Web Chat and Teams do. */
  async submit(value: Record<string, unknown>): Promise<string[]> {
    return this.send({ value });
  }

  private async send(content: { text?: string; value?: Record<string, unknown> }): Promise<string[]> {
    const before = this.channel.textsIn(this.conversationId).length;
    const response = await this.post(content);
    if (response.status >= 300) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
    return this.channel.textsIn(this.conversationId).slice(before);
  }

  post(content: string | { text?: string; value?: Record<string, unknown> }): Promise<Response> {
    const { text, value } = typeof content === 'string' ? { text: content, value: undefined } : content;
    this.sequence += 1;
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${this.conversationId}-${this.sequence}`,
        timestamp: new Date().toISOString(),
        channelId: this.as.channelId ?? 'test',
        serviceUrl: this.channel.serviceUrl,
        from: { id: this.userId, name: 'Person', ...(this.as.aadObjectId ? { aadObjectId: this.as.aadObjectId } : {}) },
        recipient: { id: 'ledsager-bot', name: 'Ledsager' },
        conversation: { id: this.conversationId },
        locale: this.locale,
        ...(text !== undefined ? { text } : {}),
        ...(value !== undefined ? { value } : {}),
      }),
    });
  }
}
