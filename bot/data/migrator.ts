import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';

/** An arbitrary constant: the advisory-lock key all instances agree on for migrating. */
const MIGRATION_LOCK_KEY = 72_616_001;

// Prisma's own bookkeeping table, so that Prisma's CLI stays compatible where its engine is available.
const createBookkeeping = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `prisma/migrations/<timestamp>_<name>/migration.sql` in name order. */
export async function readMigrations(directory: string): Promise<Migration[]> {
  const entries = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    entries.map(async (name) => {
      const sql = await readFile(join(directory, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies pending migrations, each in its own transaction under a
 * transaction-scoped advisory lock. Transaction-scoped because session locks
 * do not exclude each other on PGlite; on PostgreSQL this serialises
 * instances starting at the same moment, and the second sees the first's record.
 * Returns the names applied by this call.
 */
export async function migrate(pool: pg.Pool, migrations: Migration[]): Promise<string[]> {
  const applied: string[] = [];
  const client = await pool.connect();
  try {
    for (const migration of migrations) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query(createBookkeeping);
        const done = await client.query(
          'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
          [migration.name],
        );
        if (done.rowCount === 0) {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          applied.push(migration.name);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed`, { cause: error });
      }
    }
  } finally {
    client.release();
  }
  return applied;
}

/** True when every known migration is recorded as finished: the readiness check. */
export async function isMigrated(pool: pg.Pool, migrations: Migration[]): Promise<boolean> {
  const result = await pool.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Set(result.rows.map((row) => row.migration_name));
  return migrations.every((migration) => done.has(migration.name));
}
