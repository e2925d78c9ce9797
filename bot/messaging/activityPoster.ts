import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Activity, ResourceResponse } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { CHANNEL_POST_RETRY_POLICY, isRetryableSocketError, isRetryableStatus, parseRetryAfter, type RetryPolicy, retryDelayMs } from '../../domain/retry.js';

/** What botbuilder's credentials sign: they set the Authorization header (or, in local mode, nothing). */
type SignableRequest = Parameters<ConnectorClient['credentials']['signRequest']>[0];

/** A channel's refusal, shaped as botbuilder's RestError where callers read it: status, code, response headers. */
export class ChannelRequestError extends Error {
  constructor(
    readonly statusCode: number | undefined,
    /** The channel's error code (`error.code` of its answer), or the socket's (ECONNREFUSED, …). */
    readonly code: string | undefined,
    readonly response: { headers: { get(name: string): string | undefined } } | undefined,
  ) {
    // No body text: a channel's message may quote what was sent.
    super(`the channel answered ${statusCode ?? code ?? 'nothing'}`);
    this.name = 'ChannelRequestError';
  }
}

export interface ActivityPosterOptions {
  policy?: RetryPolicy;
  /** Waits between tries; injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/**
 * Posts activities (a turn's replies, proactive messages) to the channel's connector
 * (`POST {serviceUrl}v3/conversations/{id}/activities[/{replyToId}]`) with Node's own HTTP client,
 * over kept-alive connections, signed by botbuilder's credentials for the channel. botbuilder's connector client sends each through @azure/core-client: mappers
 * serialising the activity, fifteen pipeline policies, tracing and logging, measured at ~12 % of a
 * turn's CPU. What those policies did that matters here is done below: the token, the retries
 * (429, 408 and 5xx, honouring Retry-After, and dropped or refused connections), and an error
 * carrying the status.
 */
export class ActivityPoster {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;

  constructor(
    serviceUrl: string,
    private readonly credentials: ConnectorClient['credentials'],
    options: ActivityPosterOptions = {},
  ) {
    // The service URL may carry a path (a Teams region, the web chat's callback): keep it, append to it.
    this.base = new URL(serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
    const secure = this.base.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.request = secure ? httpsRequest : httpRequest;
    this.policy = options.policy ?? CHANNEL_POST_RETRY_POLICY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
  }

  replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<ResourceResponse> {
    return this.post(`v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, conversationId, activity);
  }

  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse> {
    return this.post(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, conversationId, activity);
  }

  private async post(path: string, conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse> {
    const url = new URL(path, this.base);
    const body = JSON.stringify(activity);
    for (let attempt = 1; ; attempt += 1) {
      const headers = await this.signedHeaders(conversationId, body);
      let failure: ChannelRequestError;
      try {
        const answer = await this.send(url, headers, body);
        if (answer.status < 300) return resourceResponse(answer.body);
        failure = new ChannelRequestError(answer.status, errorCode(answer.body), { headers: { get: (name) => headerValue(answer.headers, name) } });
        if (!isRetryableStatus(answer.status)) throw failure;
      } catch (error) {
        if (error instanceof ChannelRequestError) throw error;
        failure = new ChannelRequestError(undefined, (error as NodeJS.ErrnoException).code, undefined);
        if (!isRetryableSocketError(failure.code)) throw failure;
      }
      const retryAfterMs = parseRetryAfter(failure.response?.headers.get('retry-after'), this.now());
      const delay = retryDelayMs(attempt, this.policy, this.random, retryAfterMs);
      if (delay === undefined || delay > this.policy.maxMs) throw failure;
      await this.sleep(delay);
    }
  }

  /** Signed afresh for every try: botbuilder's credentials cache the token and renew it before it expires. */
  private async signedHeaders(conversationId: string, body: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-ms-conversation-id': conversationId,
    };
    const signable = { headers: { set: (name: string, value: string) => void (headers[name.toLowerCase()] = value) } };
    await this.credentials.signRequest(signable as unknown as SignableRequest);
    return headers;
  }

  private send(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = this.request(url, { method: 'POST', agent: this.agent, headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/**
 * `client` with its two calls that post activities (reply, send) going through `poster`; everything else,
 * and those calls in their callback form, stay botbuilder's. Behind an HTTP proxy (the variables
 * botbuilder's pipeline honours) the client is left as it is: the poster does not speak to proxies.
 */
export function postingThrough(client: ConnectorClient, poster: ActivityPoster, env: NodeJS.ProcessEnv = process.env): ConnectorClient {
  if (PROXY_VARIABLES.some((name) => env[name])) return client;
  const original = client.conversations;
  // The calls as botbuilder's own client takes them; with options or a callback they go to it.
  const replyToActivity = original.replyToActivity.bind(original) as (...args: unknown[]) => Promise<unknown>;
  const sendToConversation = original.sendToConversation.bind(original) as (...args: unknown[]) => Promise<unknown>;
  const conversations = Object.create(original, {
    replyToActivity: {
      value: (...args: unknown[]) =>
        args.length === 3 ? poster.replyToActivity(args[0] as string, args[1] as string, args[2] as Activity) : replyToActivity(...args),
    },
    sendToConversation: {
      value: (...args: unknown[]) => (args.length === 2 ? poster.sendToConversation(args[0] as string, args[1] as Activity) : sendToConversation(...args)),
    },
  }) as typeof original;
  return Object.create(client, { conversations: { value: conversations } }) as ConnectorClient;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/** The channel's answer: the id it gave the activity, when it gave one. */
function resourceResponse(body: string): ResourceResponse {
  const id = (parseJson(body) as { id?: unknown } | undefined)?.id;
  return (typeof id === 'string' ? { id } : {}) as ResourceResponse;
}

function errorCode(body: string): string | undefined {
  const code = (parseJson(body) as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A channel's body is whatever it sent: not JSON is the same as empty. */
function parseJson(body: string): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

function headerValue(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
