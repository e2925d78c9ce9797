// The load generator, in its own process so that its CPU is not counted against the system under test.
// It is also the channel: the bot POSTs its replies here during the turn, and a turn counts only when
// the bot answered 2xx and at least one reply reached the conversation before that.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { BENCH_CHANNEL_ID, benchUser } from './seed.js';

export interface LoadPlan {
  target: string;
  /** Conversations 1…conversations are timed. */
  conversations: number;
  /** Sent by every conversation before its answers (e.g. to open a check-in). */
  opening: string[];
  /** Sent by every conversation one after another; timed for conversations 1…conversations. */
  answers: string[];
  inFlight: number;
}

/** One untimed warm-up pass: the same work over conversations of its own (pass p: conversations·p+1 … conversations·(p+1)). */
export interface WarmupResult {
  turns: number;
  failed: number;
}

export interface LoadResult {
  turns: number;
  failed: number;
  replies: number;
  seconds: number;
  latenciesMs: number[];
}

type FromParent = { type: 'plan'; plan: LoadPlan } | { type: 'warm-up'; pass: number } | { type: 'open' } | { type: 'go' };

const replies = new Map<string, number>();
const channel = createServer((req, res) => {
  const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1];
  req.resume();
  req.on('end', () => {
    if (conversation) replies.set(decodeURIComponent(conversation), (replies.get(decodeURIComponent(conversation)) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
});
await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
const serviceUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}`;

// node:http with kept-alive connections rather than fetch: on this 2-core machine the load
// generator's CPU is taken from the system under test, and fetch cost twice as much per request (1.3 against 0.6 ms).
const agent = new Agent({ keepAlive: true });

/** POSTs JSON; the response's status once its body has been read, or undefined when the request failed. */
function post(url: string, body: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(undefined));
    });
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

let sequence = 0;
/** One turn; its latency in ms, or undefined when it failed or brought no reply. */
async function turn(target: string, i: number, text: string): Promise<number | undefined> {
  const { userId, conversationId } = benchUser(i);
  const before = replies.get(conversationId) ?? 0;
  const body = JSON.stringify({
    type: 'message',
    id: `m-${(sequence += 1)}`,
    timestamp: new Date().toISOString(),
    channelId: BENCH_CHANNEL_ID,
    serviceUrl,
    from: { id: userId, name: 'Citizen' },
    recipient: { id: 'ledsager-bot', name: 'Ledsager' },
    conversation: { id: conversationId },
    locale: 'da-DK',
    text,
  });
  const start = performance.now();
  const status = await post(`${target}/api/messages`, body);
  const ms = performance.now() - start;
  const ok = status !== undefined && status < 300 && (replies.get(conversationId) ?? 0) > before;
  return ok ? ms : undefined;
}

/**
 * `inFlight` workers over conversations first…last; worker w owns first+w, first+w+inFlight, …, each
 * conversation strictly in order.
 */
async function drive(plan: LoadPlan, texts: string[], first: number, last: number): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const worker = async (w: number) => {
    for (const text of texts) {
      for (let i = first + w; i <= last; i += plan.inFlight) {
        const ms = await turn(plan.target, i, text);
        if (ms === undefined) failed += 1;
        else latencies.push(ms);
      }
    }
  };
  await Promise.all(Array.from({ length: plan.inFlight }, (_, w) => worker(w)));
  return { latencies, failed };
}

const send = (message: unknown) => process.send?.(message);
let plan: LoadPlan | undefined;
process.on('message', (message: FromParent) => {
  void (async () => {
    if (message.type === 'plan') {
      plan = message.plan;
      return;
    }
    if (!plan) return;
    if (message.type === 'warm-up') {
      const first = plan.conversations * message.pass + 1;
      const warm = await drive(plan, [...plan.opening, ...plan.answers], first, first + plan.conversations - 1);
      send({ type: 'warmed-up', result: { turns: warm.latencies.length, failed: warm.failed } satisfies WarmupResult });
      return;
    }
    if (message.type === 'open') {
      const opened = await drive(plan, plan.opening, 1, plan.conversations);
      send({ type: 'opened', failed: opened.failed });
      return;
    }
    const repliesBefore = [...replies.values()].reduce((a, b) => a + b, 0);
    const start = performance.now();
    const timed = await drive(plan, plan.answers, 1, plan.conversations);
    const seconds = (performance.now() - start) / 1000;
    const result: LoadResult = {
      turns: timed.latencies.length,
      failed: timed.failed,
      replies: [...replies.values()].reduce((a, b) => a + b, 0) - repliesBefore,
      seconds,
      latenciesMs: timed.latencies,
    };
    send({ type: 'done', result });
    channel.close();
    process.disconnect();
  })();
});
send({ type: 'ready' });
