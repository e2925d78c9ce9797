import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../bot/app.js';
import { type Database, openDatabase } from '../../bot/data/database.js';
import { ephemeralCipher } from '../../bot/data/dataKeys.js';
import { isMigrated, migrate, readMigrations } from '../../bot/data/migrator.js';
import { createScratchDatabase, skipWithoutPostgres } from '../support/postgres.js';

const migrationsDir = join(projectRoot(), 'prisma', 'migrations');

describe('migrator on PGlite', () => {
  it('when run twice, then it applies each migration once and reports ready', async () => {
    const db = await openDatabase({ url: undefined, dataDir: undefined, poolSize: 3, cipher: ephemeralCipher() });
    const migrations = await readMigrations(migrationsDir);
    expect(await migrate(db.pool, migrations)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(db.pool, migrations)).toEqual([]);
    expect(await isMigrated(db.pool, migrations)).toBe(true);
    const recorded = await db.pool.query('SELECT migration_name, checksum FROM "_prisma_migrations"');
    expect(recorded.rows).toEqual(migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    await db.close();
  });

  it('when a migration is known but not applied, then the database is not ready', async () => {
    const db = await openDatabase({ url: undefined, dataDir: undefined, poolSize: 3, cipher: ephemeralCipher() });
    const migrations = await readMigrations(migrationsDir);
    await migrate(db.pool, migrations);
    const future = [...migrations, { name: '99990101000000_future', sql: 'SELECT 1', checksum: 'x' }];
    expect(await isMigrated(db.pool, future)).toBe(false);
    await db.close();
  });

  it('when a migration fails, then it is rolled back and nothing is recorded', async () => {
    const db = await openDatabase({ url: undefined, dataDir: undefined, poolSize: 3, cipher: ephemeralCipher() });
    const broken = [{ name: '00000000000000_broken', sql: 'CREATE TABLE ok_table (id int); SELECT * FROM no_such_table;', checksum: 'x' }];
    await expect(migrate(db.pool, broken)).rejects.toThrow(/00000000000000_broken failed/);
    const tables = await db.pool.query("SELECT 1 FROM pg_tables WHERE tablename = 'ok_table'");
    expect(tables.rowCount).toBe(0);
    await db.close();
  });
});

describe.skipIf(skipWithoutPostgres)('migrator on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const dbs: Database[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await scratch.drop();
  });

  it('when four instances migrate at the same moment, then each migration is recorded exactly once', async () => {
    for (let i = 0; i < 4; i += 1) dbs.push(await openDatabase({ url: scratch.url, dataDir: undefined, poolSize: 2, cipher: ephemeralCipher() }));
    const migrations = await readMigrations(migrationsDir);
    const applied = await Promise.all(dbs.map((db) => migrate(db.pool, migrations)));
    expect(applied.flat().sort()).toEqual(migrations.map((m) => m.name).sort());
    const counts = await dbs[0]!.pool.query('SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1');
    expect(counts.rows.every((row: { n: number }) => row.n === 1)).toBe(true);
    expect(counts.rowCount).toBe(migrations.length);
  });
});
