import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests may use; unset means those tests are skipped with a printed reason. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const skipWithoutPostgres = !TEST_DATABASE_URL;
if (skipWithoutPostgres) {
  console.warn('TEST_DATABASE_URL is not set: skipping the tests that need a PostgreSQL server.');
}

/** A fresh, empty database on the test server, dropped again by `drop()`. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `ledsager_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
