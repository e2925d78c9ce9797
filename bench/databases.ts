// The databases the benchmark runs against: the embedded PGlite (a data folder) and PostgreSQL
// (a fresh database on BENCH_DATABASE_URL's server). Each scenario is seeded once into a template
// and cloned for every run, so that every run starts from the same rows and seeding is not timed.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../bot/app.js';
import { type Database, openDatabase } from '../bot/data/database.js';
import { benchCipher } from './benchCipher.js';
import { migrate, readMigrations } from '../bot/data/migrator.js';

export type DatabaseKind = 'embedded' | 'postgres';

/** Where a system under test finds its database: the environment to start it with. */
export interface BenchDatabase {
  kind: DatabaseKind;
  env: { DATABASE_URL: string } | { DATA_DIR: string };
  /** Opens it from this process (only while no child holds an embedded one). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export interface Template {
  clone(): Promise<BenchDatabase>;
  drop(): Promise<void>;
}

const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';


/** The PostgreSQL server to create bench databases on, or why there is none. */
export async function postgresServer(): Promise<{ url: string } | { skipped: string }> {
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (error) {
    return { skipped: `PostgreSQL at ${new URL(url).host} is not reachable (${(error as Error).message}); set BENCH_DATABASE_URL` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates a migrated database of the given kind, fills it with `seed`, and returns a template to clone runs from. */
export async function seededTemplate(kind: DatabaseKind, serverUrl: string | undefined, seed: (db: Database) => Promise<void>): Promise<Template> {
  const migrations = await readMigrations(join(projectRoot(), 'prisma', 'migrations'));
  const prepare = async (db: Database) => {
    try {
      await migrate(db.pool, migrations);
      await seed(db);
    } finally {
      await db.close();
    }
  };
  if (kind === 'embedded') {
    const folder = await mkdtemp(join(tmpdir(), 'ledsager-bench-'));
    await prepare(await openDatabase({ dataDir: folder, poolSize: 2, cipher: benchCipher() }));
    return {
      async clone() {
        const copy = await mkdtemp(join(tmpdir(), 'ledsager-bench-'));
        await cp(folder, copy, { recursive: true });
        return embedded(copy);
      },
      drop: () => rm(folder, { recursive: true, force: true }),
    };
  }
  if (!serverUrl) throw new Error('no PostgreSQL server');
  const template = await createDatabase(serverUrl);
  await prepare(await openDatabase({ url: template.url, poolSize: 4, cipher: benchCipher() }));
  return {
    clone: () => createDatabase(serverUrl, template.name),
    drop: () => dropDatabase(serverUrl, template.name),
  };
}

function embedded(folder: string): BenchDatabase {
  return {
    kind: 'embedded',
    env: { DATA_DIR: folder },
    open: () => openDatabase({ dataDir: folder, poolSize: 2, cipher: benchCipher() }),
    drop: () => rm(folder, { recursive: true, force: true }),
  };
}

async function createDatabase(serverUrl: string, template?: string): Promise<BenchDatabase & { name: string; url: string }> {
  const name = `ledsager_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 4, cipher: benchCipher() }),
    drop: () => dropDatabase(serverUrl, name),
  };
}

function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
