import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
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
  const embedded = await PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams: EMBEDDED_START_PARAMS });
  // PGlite accepts one socket connection unless told otherwise; leave headroom over the pool.
  const server = new PGLiteSocketServer({
    db: embedded,
    host: '127.0.0.1',
    port: 0,
    maxConnections: options.poolSize + 4,
  });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  // PGlite is one PostgreSQL session behind the socket: queries from several connections interleave
  // their protocol messages (seen as 'portal "" does not exist'). One connection loses nothing, since
  // PGlite runs one query at a time anyway; callers queue on the pool instead.
  return connect('embedded', url, { ...options, poolSize: 1 }, async () => {
    await server.stop();
    await embedded.close();
  });
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
  return {
    mode,
    url,
    prisma: withSealedFields(client, cipher),
    pool,
    cipher,
    async close() {
      await client.$disconnect();
      await pool.end();
      await closeServer();
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
