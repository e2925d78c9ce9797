// Turns: a bare echo bot and the service side by side, each in its own process, driven by the load
// generator (its own process) with `inFlight` requests at a time. The service's turns are enrolled
// citizens answering check-in questions; afterwards every answer must be in the database.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchDatabase, Template } from './databases.js';
import type { LoadPlan, LoadResult, WarmupResult } from './loadgen.js';
import { cpuMsOf, nextMessage, percentile, sampleRss, startNode, stopChild, waitForLine } from './processes.js';
import { memorySplit, queriesSoFar } from './metricsScrape.js';

export interface TurnFigures {
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerTurn: number;
  /** CPU per turn of the untimed first pass, just after the process started (its JIT still compiling). */
  firstPassCpuMsPerTurn: number;
  peakRssMiB: number;
  /** Database round trips per turn, from the service's /metrics (undefined for the echo bot). */
  queriesPerTurn: number | undefined;
  /** Heap and outside-heap memory right after the load, from /metrics (undefined for the echo bot). */
  memory: { heapMiB: number; externalMiB: number } | undefined;
}

export interface TurnLoad {
  /** Timed conversations. */
  conversations: number;
  /** Passes of the same work over other conversations before the timed phase (the seed must hold them too). */
  warmupPasses: number;
  answersPerConversation: number;
  inFlight: number;
}

/** One run of the echo bot. */
export async function echoRun(load: TurnLoad): Promise<TurnFigures> {
  const logFile = join(await mkdtemp(join(tmpdir(), 'ledsager-echo-')), 'echo.log');
  const echo = startNode('bench/echoBot.ts', { logFile });
  try {
    const url = await waitForLine(logFile, /listening on (http:\/\/\S+)/, echo);
    return await drive(echo, url, load, plan(url, load, []));
  } finally {
    await stopChild(echo);
  }
}

/** One run of the service against a fresh clone of `template`; throws unless every answer was stored. */
export async function serviceRun(template: Template, load: TurnLoad): Promise<TurnFigures> {
  const db = await template.clone();
  const logFile = join(await mkdtemp(join(tmpdir(), 'ledsager-service-')), 'service.log');
  const service = startNode('bot/index.ts', { logFile, env: serviceEnv(db) });
  try {
    const url = await waitForLine(logFile, /chat: (http:\/\/\S+?)\/ /, service);
    const figures = await drive(service, url, load, plan(url, load, ['hvordan går det?']));
    await stopChild(service);
    await verifyAnswersStored(db, seededConversations(load) * load.answersPerConversation);
    return figures;
  } finally {
    await stopChild(service);
    await db.drop();
  }
}

/** The conversations a run uses: the timed ones and those that warm the process up. */
export function seededConversations(load: TurnLoad): number {
  return (1 + load.warmupPasses) * load.conversations;
}

/** Started as `npm run dev` starts it (without watching), local mode, schedulers out of the way. */
function serviceEnv(db: BenchDatabase): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    MicrosoftAppId: '',
    PUBLIC_URL: '',
    DATABASE_URL: '',
    ADMIN_TOKEN: '',
    METRICS_TOKEN: '',
    SCHEDULER_CRON: '0 0 1 1 *',
    ALERT_TICK_CRON: '0 0 1 1 *',
    ...db.env,
  };
}

function plan(target: string, load: TurnLoad, opening: string[]): LoadPlan {
  return {
    target,
    conversations: load.conversations,
    inFlight: load.inFlight,
    opening,
    // "2": the second option of each question, typed as a citizen types it.
    answers: Array.from({ length: load.answersPerConversation }, () => '2'),
  };
}

async function drive(system: ChildProcess, url: string, load: TurnLoad, loadPlan: LoadPlan): Promise<TurnFigures> {
  const loadgen = startNode('bench/loadgen.ts');
  try {
    await nextMessage(loadgen, (m: { type: string }) => m.type === 'ready');
    const pid = system.pid as number;
    // Warm-up passes, so that the timed phase meets a process whose JIT has compiled its hot code, as
    // in a service that has run for a while. The first pass's CPU is what a freshly started process costs.
    loadgen.send({ type: 'plan', plan: loadPlan });
    let firstPassCpuMsPerTurn = Number.NaN;
    for (let pass = 1; pass <= load.warmupPasses; pass += 1) {
      const cpuBefore = await cpuMsOf(pid);
      loadgen.send({ type: 'warm-up', pass });
      const warm = await nextMessage<{ type: string; result: WarmupResult }>(loadgen, (m) => m.type === 'warmed-up');
      if (warm.result.failed > 0) throw new Error(`${warm.result.failed} warm-up turns failed`);
      if (pass === 1) firstPassCpuMsPerTurn = ((await cpuMsOf(pid)) - cpuBefore) / warm.result.turns;
    }
    loadgen.send({ type: 'open' });
    const opened = await nextMessage<{ type: string; failed: number }>(loadgen, (m) => m.type === 'opened');
    if (opened.failed > 0) throw new Error(`${opened.failed} opening turns failed`);
    const queriesBefore = await queriesSoFar(url);
    const cpuBefore = await cpuMsOf(pid);
    const rss = sampleRss(pid);
    loadgen.send({ type: 'go' });
    const { result } = await nextMessage<{ type: string; result: LoadResult }>(loadgen, (m) => m.type === 'done');
    const cpuMs = (await cpuMsOf(pid)) - cpuBefore;
    const peakRssMiB = await rss.stop();
    const queriesAfter = await queriesSoFar(url);
    const memory = await memorySplit(url);
    if (result.failed > 0) throw new Error(`${result.failed} turns failed or brought no reply`);
    return {
      turnsPerSecond: result.turns / result.seconds,
      p50Ms: percentile(result.latenciesMs, 50),
      p99Ms: percentile(result.latenciesMs, 99),
      cpuMsPerTurn: cpuMs / result.turns,
      firstPassCpuMsPerTurn,
      peakRssMiB,
      queriesPerTurn: queriesBefore !== undefined && queriesAfter !== undefined ? (queriesAfter - queriesBefore) / result.turns : undefined,
      memory,
    };
  } finally {
    await stopChild(loadgen);
  }
}

async function verifyAnswersStored(db: BenchDatabase, expected: number): Promise<void> {
  const open = await db.open();
  try {
    const { rows } = await open.pool.query<{ count: string }>('SELECT count(*) FROM "CheckInAnswer" WHERE "optionIndex" = 1');
    const stored = Number(rows[0]?.count);
    if (stored !== expected) throw new Error(`expected ${expected} stored answers, found ${stored}`);
  } finally {
    await open.close();
  }
}
