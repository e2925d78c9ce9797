// Child processes for the benchmark and what the kernel says about them: each system under test
// runs in its own process, so its CPU time and memory are its own and nothing else's.
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../bot/app.js';

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory now and at its peak (VmHWM), in MiB, from /proc. */
export async function memoryOf(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** Samples a process's resident memory until stopped; the highest value seen, in MiB. */
export function sampleRss(pid: number, everyMs = 100): { stop(): Promise<number> } {
  let highest = 0;
  const sample = () =>
    memoryOf(pid).then(
      ({ rssMiB }) => {
        highest = Math.max(highest, rssMiB);
      },
      () => undefined,
    );
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return highest;
    },
  };
}

/** Where `buildForBench` compiles the project to: under dist/, so projectRoot() still finds prisma/ above it. */
const BUILD_DIR = join(projectRoot(), 'dist', 'bench-build');
let built = false;

/**
 * Compiles the project (bench included) with tsc, so that every child runs plain JavaScript under
 * plain Node, as `npm start` runs the service. BENCH_FROM_SOURCE=1 runs the sources through tsx instead.
 */
export function buildForBench(): void {
  if (process.env.BENCH_FROM_SOURCE) return;
  const result = spawnSync(join(projectRoot(), 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--outDir', BUILD_DIR], {
    cwd: projectRoot(),
    encoding: 'utf8',
  });
  if (!existsSync(join(BUILD_DIR, 'bot', 'index.js'))) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
  // tsc emits despite type errors (someone's work in progress); say so, since what runs may then be odd.
  if (result.status !== 0) console.log(`(the build reported ${result.stdout.split('\n').filter((line) => line.includes('error TS')).length} type errors)`);
  built = true;
}

/**
 * The memory settings `npm start` gives the service: V8's heap ceiling and young generation's size
 * (NODE_HEAP_MIB and NODE_SEMI_SPACE_MIB, or the script's defaults), and glibc's number of malloc
 * arenas, read from package.json so that every process here runs with the service's own settings.
 */
async function memorySettings(): Promise<{ flags: string[]; env: NodeJS.ProcessEnv }> {
  const { scripts } = JSON.parse(await readFile(join(projectRoot(), 'package.json'), 'utf8')) as { scripts: { start: string } };
  const arenas = /MALLOC_ARENA_MAX=(\d+)/.exec(scripts.start)?.[1];
  return {
    flags: [mibSetting(scripts.start, '--max-old-space-size', 'NODE_HEAP_MIB'), mibSetting(scripts.start, '--max-semi-space-size', 'NODE_SEMI_SPACE_MIB')],
    env: arenas ? { MALLOC_ARENA_MAX: arenas } : {},
  };
}

/** A `flag=${VARIABLE:-default}` of the start script, as the shell would give it: the variable's value when set, else the default. */
function mibSetting(start: string, flag: string, variable: string): string {
  const fallback = new RegExp(`${flag}=\\$\\{${variable}:-(\\d+)\\}`).exec(start)?.[1];
  if (!fallback) throw new Error(`package.json's start script no longer sets ${flag}=\${${variable}:-…}: update the benchmark with it`);
  const mib = process.env[variable] || fallback;
  if (!/^[1-9]\d*$/.test(mib)) throw new Error(`${variable} must be a whole number of MiB, not "${mib}"`);
  return `${flag}=${mib}`;
}
const memory = await memorySettings();

/** An entry point of the project in its own Node process, with an IPC channel; its output goes to `logFile`. */
export function startNode(script: string, options: { env?: NodeJS.ProcessEnv; logFile?: string } = {}): ChildProcess {
  const output = options.logFile ? openSync(options.logFile, 'w') : 'ignore';
  const flags = [
    '--disable-warning=DEP0111',
    ...memory.flags,
    // BENCH_CPU_PROF=<folder>: every child writes a V8 CPU profile there (open it in Chrome's DevTools).
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ];
  const entry = built ? join(BUILD_DIR, script.replace(/\.ts$/, '.js')) : join(projectRoot(), script);
  return fork(entry, [], {
    execArgv: built ? flags : ['--import', 'tsx', ...flags],
    env: { ...process.env, ...memory.env, ...options.env },
    stdio: ['ignore', output, output, 'ipc'],
  });
}

/** The next IPC message of a child that satisfies `accept`; rejects if the child exits first. */
export function nextMessage<T>(child: ChildProcess, accept: (message: T) => boolean = () => true, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no message from the child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if (accept(message as T)) finish(undefined, message as T);
    };
    const onExit = (code: number | null) => finish(new Error(`the child exited (${code}) before answering`));
    function finish(error: Error | undefined, message?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Waits until a child's log file has a line matching `pattern`; returns the first capture group. */
export async function waitForLine(logFile: string, pattern: RegExp, child: ChildProcess, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pattern.exec(await readFile(logFile, 'utf8').catch(() => ''));
    if (found) return found[1] ?? found[0];
    if (child.exitCode !== null) throw new Error(`the child exited (${child.exitCode}); see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in ${logFile} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`) and waits for it to exit. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
