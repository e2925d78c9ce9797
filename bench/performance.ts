// The performance benchmark: turns against a bare echo bot, and reminder dispatch against the
// reference loop, on the embedded database and on PostgreSQL; medians of BENCH_RUNS runs, printed
// as the tables the README quotes. Knobs: BENCH_RUNS (3), BENCH_QUICK=1 (one small run of each),
// BENCH_DUE ("10000,100000"), BENCH_WINDOW_S (20: a dispatch run is cut there, its rate taken over
// the window), BENCH_DATABASE_URL (PostgreSQL server; default the local one), BENCH_ONLY (turns|dispatch),
// BENCH_DATABASES ("embedded,postgres"), BENCH_IN_FLIGHT (20 turn requests at a time), BENCH_WARMUP_PASSES
// (4: the turns' work done that many times over other conversations before the timed phase).
import { type DatabaseKind, postgresServer, seededTemplate, type Template } from './databases.js';
import { CountingChannel, type DispatchFigures, dispatchRun } from './dispatch.js';
import { buildForBench, median } from './processes.js';
import { seedCitizens } from './seed.js';
import { echoRun, seededConversations, serviceRun, type TurnFigures, type TurnLoad } from './turns.js';

const quick = process.env.BENCH_QUICK === '1';
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const backlogs = (process.env.BENCH_DUE ?? (quick ? '2000' : '10000,100000')).split(',').map(Number);
const windowMs = Number(process.env.BENCH_WINDOW_S ?? 20) * 1000;
const only = process.env.BENCH_ONLY;
const load: TurnLoad = {
  conversations: 200,
  answersPerConversation: quick ? 2 : 5,
  inFlight: Number(process.env.BENCH_IN_FLIGHT ?? 20),
  warmupPasses: Number(process.env.BENCH_WARMUP_PASSES ?? (quick ? 1 : 4)),
};

export async function runPerformanceBenchmark(): Promise<void> {
  buildForBench();
  const server = await postgresServer();
  const wanted = (process.env.BENCH_DATABASES ?? 'embedded,postgres').split(',');
  const kinds = (['embedded', ...('url' in server ? (['postgres'] as const) : [])] as DatabaseKind[]).filter((kind) => wanted.includes(kind));
  if ('skipped' in server) console.log(`PostgreSQL skipped: ${server.skipped}`);
  const serverUrl = 'url' in server ? server.url : undefined;
  if (only !== 'dispatch') await benchTurns(kinds, serverUrl);
  if (only !== 'turns') await benchDispatch(kinds, serverUrl);
}

/**
 * Run by run, the echo bot and then the service on each database, so that each ratio compares
 * runs minutes apart: this machine's speed drifts by a third within the hour.
 */
async function benchTurns(kinds: DatabaseKind[], serverUrl: string | undefined): Promise<void> {
  const services: Array<{ kind: DatabaseKind; template: Template; runs: TurnFigures[] }> = [];
  for (const kind of kinds) {
    const template = await seededTemplate(kind, serverUrl, (db) => seedCitizens(db, { count: seededConversations(load), serviceUrl: 'http://127.0.0.1:9', withDueReminder: false }));
    services.push({ kind, template, runs: [] });
  }
  const echoRuns: TurnFigures[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      echoRuns.push(await echoRun(load));
      for (const service of services) service.runs.push(await serviceRun(service.template, load));
    }
  } finally {
    for (const { template } of services) await template.drop();
  }
  const echo = medianFigures(echoRuns);
  // The machine's speed drifts within the hour; a ratio to the echo bot's run just before is what compares.
  const toEcho = (serviceRuns: TurnFigures[], pick: (f: TurnFigures) => number) => {
    const { median: ratio, range } = ratioAcrossRuns(serviceRuns.map(pick), echoRuns.map(pick));
    return ` (${ratio} echo${range ? `, runs ${range}` : ''})`;
  };
  const columns: Array<[string, TurnFigures, string, string]> = [
    ['bare echo bot', echo, '', ''],
    ...services.map(({ kind, runs: serviceRuns }): [string, TurnFigures, string, string] => [
      `service, ${label(kind)}`,
      medianFigures(serviceRuns),
      toEcho(serviceRuns, (run) => run.turnsPerSecond),
      toEcho(serviceRuns, (run) => run.cpuMsPerTurn),
    ]),
  ];
  console.log(
    `\nTurns: ${load.conversations} conversations of enrolled citizens answering check-in questions (${load.answersPerConversation} answers each, every reply counted, every answer checked stored), ${load.inFlight} in flight, timed after ${load.warmupPasses} pass(es) of the same work over other conversations; medians of ${runs} run(s), each ratio to the echo bot's run just before`,
  );
  printTable(
    ['measure', ...columns.map(([name]) => name)],
    [
      ['turns/s', ...columns.map(([, f, ratio]) => `${f.turnsPerSecond.toFixed(0)}${ratio}`)],
      ['p50 / p99 latency (ms)', ...columns.map(([, f]) => `${f.p50Ms.toFixed(0)} / ${f.p99Ms.toFixed(0)}`)],
      ['CPU per turn (ms)', ...columns.map(([, f, , ratio]) => `${f.cpuMsPerTurn.toFixed(1)}${ratio}`)],
      ['CPU per turn in the first pass after start, openings included (ms)', ...columns.map(([, f]) => (Number.isNaN(f.firstPassCpuMsPerTurn) ? '–' : f.firstPassCpuMsPerTurn.toFixed(1)))],
      ['peak RSS under load (MiB)', ...columns.map(([, f]) => f.peakRssMiB.toFixed(0))],
      ["of which the main thread's V8 heap / outside it: buffers, WASM (MiB; the embedded database's is in its own thread)", ...columns.map(([, f]) => (f.memory ? `${f.memory.heapMiB.toFixed(0)} / ${f.memory.externalMiB.toFixed(0)}` : '–'))],
      ['database round trips per turn', ...columns.map(([, f]) => (f.queriesPerTurn === undefined ? '–' : f.queriesPerTurn.toFixed(1)))],
    ],
  );
}

async function benchDispatch(kinds: DatabaseKind[], serverUrl: string | undefined): Promise<void> {
  const channel = new CountingChannel();
  const serviceUrl = await channel.start();
  const rows: string[][] = [];
  try {
    for (const due of backlogs) {
      for (const kind of kinds) {
        const template = await seededTemplate(kind, serverUrl, (db) => seedCitizens(db, { count: due, serviceUrl, withDueReminder: true }));
        try {
          // Run by run, the service and then the reference, each ratio over a pair of runs minutes apart.
          const serviceRuns: DispatchFigures[] = [];
          const referenceRuns: DispatchFigures[] = [];
          for (let i = 0; i < runs; i += 1) {
            serviceRuns.push(await dispatchRun(template, channel, 'service', due, windowMs));
            referenceRuns.push(await dispatchRun(template, channel, 'reference', due, windowMs));
          }
          const ratio = ratioAcrossRuns(serviceRuns.map((run) => run.perSecond), referenceRuns.map((run) => run.perSecond));
          const service = medianDispatch(serviceRuns);
          const reference = medianDispatch(referenceRuns);
          rows.push([
            `${due.toLocaleString('en')} due, ${label(kind)}`,
            `${service.perSecond.toFixed(0)}/s${service.drained ? '' : '*'}`,
            `${reference.perSecond.toFixed(0)}/s${reference.drained ? '' : '*'}`,
            `${ratio.median}${ratio.range ? ` (${ratio.range})` : ''}`,
            `${(service.firstSendMs / 1000).toFixed(2)} s`,
            `${service.readyRssMiB.toFixed(0)} → ${service.peakRssMiB.toFixed(0)} / ${reference.readyRssMiB.toFixed(0)} → ${reference.peakRssMiB.toFixed(0)}`,
          ]);
        } finally {
          await template.drop();
        }
      }
    }
  } finally {
    await channel.stop();
  }
  console.log(`\nReminder dispatch, pacing lifted, to a stand-in channel; reference: 16 workers claiming one row each (FOR UPDATE SKIP LOCKED), POST, mark sent; medians of ${runs} run(s)`);
  printTable(['backlog', 'service', 'reference loop', 'ratio (runs)', 'first send after the tick', 'RSS MiB, ready → peak (service / reference)'], rows);
  console.log(`* cut after ${windowMs / 1000} s; the rate is over that window (exactly-once is checked on runs that drain the backlog)`);
}

/** Run i of one side over run i of the other: the median ratio ("0.30×") and, over several runs, their range. */
function ratioAcrossRuns(side: number[], baseline: number[]): { median: string; range: string } {
  const ratios = side.map((value, i) => value / (baseline[i] as number));
  return { median: `${median(ratios).toFixed(2)}×`, range: ratios.length > 1 ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : '' };
}

const label = (kind: DatabaseKind) => (kind === 'embedded' ? 'embedded (PGlite)' : 'PostgreSQL');

function medianFigures(all: TurnFigures[]): TurnFigures {
  const of = (pick: (f: TurnFigures) => number) => median(all.map(pick));
  const queries = all.map((f) => f.queriesPerTurn).filter((q): q is number => q !== undefined);
  return {
    turnsPerSecond: of((f) => f.turnsPerSecond),
    p50Ms: of((f) => f.p50Ms),
    p99Ms: of((f) => f.p99Ms),
    cpuMsPerTurn: of((f) => f.cpuMsPerTurn),
    firstPassCpuMsPerTurn: of((f) => f.firstPassCpuMsPerTurn),
    peakRssMiB: of((f) => f.peakRssMiB),
    queriesPerTurn: queries.length ? median(queries) : undefined,
    memory: all[0]?.memory && {
      heapMiB: median(all.map((f) => f.memory?.heapMiB ?? 0)),
      externalMiB: median(all.map((f) => f.memory?.externalMiB ?? 0)),
    },
  };
}

function medianDispatch(all: DispatchFigures[]): DispatchFigures {
  return {
    perSecond: median(all.map((f) => f.perSecond)),
    firstSendMs: median(all.map((f) => f.firstSendMs)),
    peakRssMiB: median(all.map((f) => f.peakRssMiB)),
    readyRssMiB: median(all.map((f) => f.readyRssMiB)),
    drained: all.every((f) => f.drained),
  };
}

function printTable(header: string[], rows: string[][]): void {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log([line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n'));
}
