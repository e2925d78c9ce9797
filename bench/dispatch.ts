// Reminder dispatch: the service's dispatcher and the reference loop, each in its own process,
// sending a backlog of due reminders to one stand-in channel that lives here. Rate, time to the
// first send, and the sender's peak RSS; when the backlog is drained, exactly-once is checked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from './databases.js';
import { memoryOf, nextMessage, sampleRss, startNode, stopChild } from './processes.js';
import { WARM_UP_CONVERSATION } from './seed.js';

export type Dispatcher = 'service' | 'reference';

export interface DispatchFigures {
  perSecond: number;
  firstSendMs: number;
  peakRssMiB: number;
  /** RSS when ready, before the tick: what the process holds before dispatching anything. */
  readyRssMiB: number;
  /** False when the run was cut at the window (the rate is then over the window). */
  drained: boolean;
}

/** The stand-in channel proactive messages go to; it counts what arrives, per conversation. */
export class CountingChannel {
  private server?: Server;
  private perConversation = new Map<string, number>();
  received = 0;
  firstAt: number | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1];
      req.resume();
      req.on('end', () => {
        if (conversation && conversation !== WARM_UP_CONVERSATION) {
          this.received += 1;
          this.firstAt ??= Date.now();
          this.perConversation.set(conversation, (this.perConversation.get(conversation) ?? 0) + 1);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"1"}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.perConversation = new Map();
    this.received = 0;
    this.firstAt = undefined;
  }

  /** Conversations that received more than one message. */
  duplicates(): number {
    return [...this.perConversation.values()].filter((count) => count > 1).length;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

const SCRIPTS: Record<Dispatcher, string> = { service: 'bench/dispatchWorker.ts', reference: 'bench/referenceLoop.ts' };

/** One run: a fresh clone with `due` reminders due; cut after `windowMs` if not drained by then. */
export async function dispatchRun(template: Template, channel: CountingChannel, dispatcher: Dispatcher, due: number, windowMs: number): Promise<DispatchFigures> {
  const db = await template.clone();
  const logFile = join(await mkdtemp(join(tmpdir(), `ledsager-${dispatcher}-`)), 'dispatch.log');
  const child = startNode(SCRIPTS[dispatcher], { logFile, env: { DATABASE_URL: '', DATA_DIR: '', ...db.env } });
  try {
    await nextMessage(child, (m: { type: string }) => m.type === 'ready');
    channel.reset();
    const { rssMiB: readyRssMiB } = await memoryOf(child.pid as number);
    const rss = sampleRss(child.pid as number);
    const start = Date.now();
    child.send({ type: 'go' });
    const done = nextMessage<{ type: string; sent: number }>(child, (m) => m.type === 'done', windowMs).then(
      (message) => message,
      () => undefined,
    );
    const finished = await done;
    const seconds = (Date.now() - start) / 1000;
    const peakRssMiB = await rss.stop();
    const received = channel.received;
    const firstSendMs = channel.firstAt === undefined ? Number.NaN : channel.firstAt - start;
    await stopChild(child);
    if (finished) {
      if (finished.sent !== due || received !== due || channel.duplicates() > 0) {
        throw new Error(`${dispatcher}: ${due} due, ${finished.sent} reported sent, ${received} received, ${channel.duplicates()} conversations twice`);
      }
      await verifyAllSent(db, due);
    }
    return { perSecond: received / seconds, firstSendMs, peakRssMiB, readyRssMiB, drained: finished !== undefined };
  } finally {
    await stopChild(child);
    await db.drop();
  }
}

async function verifyAllSent(db: Awaited<ReturnType<Template['clone']>>, due: number): Promise<void> {
  const open = await db.open();
  try {
    const { rows } = await open.pool.query<{ count: string }>(`SELECT count(*) FROM "Reminder" WHERE status = 'SENT'`);
    if (Number(rows[0]?.count) !== due) throw new Error(`expected ${due} reminders marked sent, found ${rows[0]?.count}`);
  } finally {
    await open.close();
  }
}
