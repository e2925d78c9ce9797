import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { FieldCipher } from './fieldCipher.js';
import { PrismaClient } from './generated/client.js';
import { withSealedFields } from './sealedFields.js';

/**
 * Plain SQL over the pg pool, for the few statements every turn runs: through Prisma's client engine
 * each costs the query compiler's CPU (PLATFORM.md: ~8× a pg query). Timestamps are stored as UTC
 * without a zone: read them `AT TIME ZONE 'UTC'` and write `$n::timestamptz AT TIME ZONE 'UTC'`, so
 * the process's time zone never shifts them.
 */
export type Sql = Pick<pg.Pool, 'query'>;

/** The one database handle the service uses: Prisma for the model, a pg pool for locks, migrations and the hot statements. */
export interface Database {
  readonly mode: 'embedded' | 'postgres';
  /** Connection string, for components that need their own pool (turn locks). */
  readonly url: string;
  /** Seals citizens' words on every write and opens them in every result. */
  readonly prisma: PrismaClient;
  readonly pool: pg.Pool;
  /** The key ring Prisma uses, for the few plain-SQL statements that read or write sealed columns. */
  readonly cipher: FieldCipher;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent an embedded PGlite is started under `dataDir`. */
  url?: string | undefined;
  /** Folder for the embedded database; `undefined` keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolSize: number;
  /** Seals citizens' free text at rest (see sealedFields.ts). */
  cipher: FieldCipher;
  /** Called for every statement sent, for the statements-per-turn metric. */
  onQuery?: (() => void) | undefined;
}

/**
 * The embedded server's memory is PGlite's WebAssembly heap, which grows and never shrinks: bound
 * what PostgreSQL caches in it. One session serves a single instance, so 16 MB of shared buffers
 * (PostgreSQL's default is 128 MB) hold the hot rows; sorts and hashes get 2 MB before spilling.
 */
const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'work_mem=2MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=2MB'];

/**
 * Opens the database. Embedded mode serves PGlite on a loopback port so the
 * ordinary pg driver and Prisma's pg adapter talk to it exactly as to a real
 * server: one schema and one code path for both.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return connect('postgres', options.url, options, async () => {});

  const dataDir = options.dataDir ? resolve(options.dataDir, 'pglite') : undefined;
  if (dataDir) await initialiseDataFolder(dataDir);
  // PGlite accepts one socket connection unless told otherwise; leave headroom over the pool.
  const server = await startEmbeddedServer({ dataDir, startParams: EMBEDDED_START_PARAMS, maxConnections: options.poolSize + 4 });
  const url = `postgresql://postgres@${server.address}/postgres?sslmode=disable`;
  // PGlite is one PostgreSQL session behind the socket: queries from several connections interleave
  // their protocol messages (seen as 'portal "" does not exist'). One connection loses nothing, since
  // PGlite runs one query at a time anyway; callers queue on the pool instead.
  return connect('embedded', url, { ...options, poolSize: 1 }, server.close);
}

interface EmbeddedServerSettings {
  dataDir: string | undefined;
  startParams: string[];
  maxConnections: number;
}

/**
 * The embedded server's thread: PGlite and its socket server, told to close by any message. Plain
 * JavaScript evaluated in the worker, so that it runs the same from sources (tests, `npm run dev`)
 * and from the build; it imports the two packages by the paths the service itself resolved.
 */
const EMBEDDED_SERVER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = await import(workerData.pglite);
  const { PGLiteSocketServer } = await import(workerData.socketServer);
  const { dataDir, startParams, maxConnections } = workerData.settings;
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  parentPort.once('message', async () => {
    await server.stop();
    await db.close();
    parentPort.postMessage({ closed: true });
  });
  parentPort.postMessage({ address: server.getServerConn() });
})().catch((error) => parentPort.postMessage({ failed: String(error && error.message) }));
`;

/**
 * Runs PGlite in a worker thread of its own. It is PostgreSQL compiled to WebAssembly and runs each
 * statement to the end on the thread it lives on: in the service's main thread it took ~40 % of that
 * thread's time under load, time in which no turn could run. In a thread of its own the two run in
 * parallel, and the service still talks to it over loopback as to any server.
 */
async function startEmbeddedServer(settings: EmbeddedServerSettings): Promise<{ address: string; close(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  const workerData = {
    pglite: pathToFileURL(require.resolve('@electric-sql/pglite')).href,
    socketServer: pathToFileURL(require.resolve('@electric-sql/pglite-socket')).href,
    settings,
  };
  const worker = new Worker(EMBEDDED_SERVER_THREAD, { eval: true, workerData });
  let closing: Promise<void> | undefined;
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  const reply = () =>
    new Promise<{ address?: string; failed?: string; closed?: boolean }>((resolveReply, reject) => {
      const settle = (outcome: () => void) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        outcome();
      };
      const onMessage = (message: { address?: string; failed?: string; closed?: boolean }) => settle(() => resolveReply(message));
      const onError = (error: Error) => settle(() => reject(error));
      const onExit = (code: number) => settle(() => reject(new Error(`The embedded database's thread ended (exit code ${code})`)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  const started: { address?: string; failed?: string } = await reply().catch((error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) }));
  if (!started.address) {
    await worker.terminate();
    throw new Error(`The embedded database did not start: ${started.failed ?? 'no reason given'}`);
  }
  // Between replies nothing listens for 'error': a thread that fails takes the process down, as PGlite
  // failing in the main thread did, and the supervisor restarts the service on its data folder. A
  // thread that ends without an error while the service runs does the same.
  worker.once('exit', (code) => {
    if (closing) return;
    setImmediate(() => {
      throw new Error(`The embedded database's thread ended (exit code ${code})`);
    });
  });
  return {
    address: started.address,
    close() {
      closing ??= (async () => {
        if (!exited) {
          const closed = reply();
          worker.postMessage('close');
          await closed;
        }
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/**
 * A new data folder is made by PGlite's initdb, a second WebAssembly instance whose memory would stay
 * in the service until a restart (first start ~800 MiB RSS, measured, against ~330 MiB after it). So
 * it runs in a child process of its own, into a sibling folder renamed into place when complete: a
 * start cut short never leaves a half-made database behind.
 */
async function initialiseDataFolder(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const making = `${dataDir}.new-${process.pid}`;
  await rm(making, { recursive: true, force: true });
  await mkdir(dirname(dataDir), { recursive: true });
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = 'const { PGlite } = await import(process.argv[1]); await (await PGlite.create({ dataDir: process.argv[2] })).close();';
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, pglite, making]);
  await rm(dataDir, { recursive: true, force: true });
  await rename(making, dataDir);
}

async function connect(
  mode: Database['mode'],
  url: string,
  { poolSize, onQuery, cipher }: Pick<DatabaseOptions, 'poolSize' | 'onQuery' | 'cipher'>,
  closeServer: () => Promise<void>,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (e.g. the server restarting) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  if (onQuery) countQueries(pool, onQuery);
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  return {
    mode,
    url,
    prisma: withSealedFields(client, cipher),
    pool,
    cipher,
    // Once: a second shutdown signal, or a test's cleanup after the app's own stop, waits for the first.
    close() {
      closing ??= (async () => {
        await client.$disconnect();
        await pool.end();
        await closeServer();
      })();
      return closing;
    },
  };
}

/** Counts every statement a pool's connections send (Prisma's, through the pg adapter, included). */
export function countQueries(pool: pg.Pool, onQuery: () => void): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      onQuery();
      return query(...args);
    }) as typeof client.query;
  });
}
