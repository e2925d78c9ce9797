import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/data/database.js';
import { executeSql, preparedStatement, prepareOn, queryPrepared, queryWithValues, sqlLiteral } from '../../../bot/data/preparedStatements.js';
import { openMigratedDatabase } from '../../support/database.js';
import { createScratchDatabase, skipWithoutPostgres } from '../../support/postgres.js';

const ECHO = preparedStatement('test_echo', 'SELECT $1::text AS said, $2::int + 1 AS next');
const BROKEN = preparedStatement('test_broken', 'SELECT * FROM "NoSuchTable" WHERE id = $1');

/** A client that remembers the SQL it was sent. */
function recording(client: pg.ClientBase): string[] {
  const sent: string[] = [];
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    sent.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
    return query(...args);
  }) as typeof client.query;
  return sent;
}

function preparedContract(label: string, open: () => Promise<{ db: Database; cleanup(): Promise<void> }>, sessionSharedByConnections: boolean) {
  describe(`prepared statements on ${label}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ db, cleanup } = await open());
    });
    afterAll(async () => {
      await db.close();
      await cleanup();
    });

    it('when a statement is used twice on one connection, then it is prepared once and executed with its values', async () => {
      const client = await db.pool.connect();
      try {
        const sent = recording(client);
        await prepareOn(client, [ECHO]);
        const first = await client.query(executeSql(ECHO, [sqlLiteral("it's \\ fine"), '41']));
        await prepareOn(client, [ECHO]);
        const second = await client.query(executeSql(ECHO, [sqlLiteral('again'), 'NULL']));
        expect(first.rows).toEqual([{ said: "it's \\ fine", next: 42 }]);
        expect(second.rows).toEqual([{ said: 'again', next: null }]);
        expect(sent.filter((sql) => sql.startsWith('PREPARE'))).toHaveLength(1);
        expect(sent.filter((sql) => sql.includes('pg_prepared_statements'))).toHaveLength(1);
      } finally {
        client.release();
      }
    });

    it(`when a new connection comes, then it ${sessionSharedByConnections ? 'uses what its session already holds' : 'prepares the statement in its own session'}`, async () => {
      await queryPrepared(db.pool, [ECHO], executeSql(ECHO, [sqlLiteral('warm'), '0']));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const sent = recording(client);
        await prepareOn(client, [ECHO]);
        const result = await client.query(executeSql(ECHO, [sqlLiteral('new'), '1']));
        expect(result.rows).toEqual([{ said: 'new', next: 2 }]);
        expect(sent.filter((sql) => sql.startsWith('PREPARE'))).toHaveLength(sessionSharedByConnections ? 0 : 1);
      } finally {
        await client.end();
      }
    });

    it('when a statement cannot be prepared, then the call fails, that connection is dropped, and the next call works', async () => {
      await queryPrepared(db.pool, [ECHO], executeSql(ECHO, [sqlLiteral('warm'), '0']));
      const connections = db.pool.totalCount;
      await expect(queryPrepared(db.pool, [ECHO, BROKEN], executeSql(BROKEN, [sqlLiteral('x')]))).rejects.toThrow(/NoSuchTable/);
      expect(db.pool.totalCount).toBe(connections - 1);
      const result = await queryPrepared(db.pool, [ECHO], executeSql(ECHO, [sqlLiteral('after'), '2']));
      expect(Array.isArray(result) ? result[0]?.rows : result.rows).toEqual([{ said: 'after', next: 3 }]);
    });

    it('when a statement runs with bound values, then they are not in its text, and a new connection runs it too', async () => {
      const first = await queryWithValues(db.pool, ECHO, ["it's \\ bound", 1]);
      const fresh = new pg.Pool({ connectionString: db.url, max: 1 });
      try {
        const client = await fresh.connect();
        const sent = recording(client);
        client.release();
        const again = await queryWithValues(fresh, ECHO, ['again', 2]);
        expect(first.rows).toEqual([{ said: "it's \\ bound", next: 2 }]);
        expect(again.rows).toEqual([{ said: 'again', next: 3 }]);
        expect(sent.join('\n')).not.toContain('again');
      } finally {
        await fresh.end();
      }
    });

    it('when a name is made, then it carries a hash of the text, so another text never runs under it', () => {
      expect(preparedStatement('x', 'SELECT 1').name).toMatch(/^ledsager_x_[0-9a-f]{12}$/);
      expect(preparedStatement('x', 'SELECT 1').name).not.toBe(preparedStatement('x', 'SELECT 2').name);
    });
  });
}

// The embedded database is one PostgreSQL session behind every connection; a server gives each its own.
preparedContract('PGlite', async () => ({ db: await openMigratedDatabase(), cleanup: async () => {} }), true);

describe.skipIf(skipWithoutPostgres)('on PostgreSQL', () => {
  preparedContract(
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase();
      return { db: await openMigratedDatabase(scratch.url), cleanup: scratch.drop };
    },
    false,
  );
});
