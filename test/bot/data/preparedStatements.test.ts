import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/data/database.js';
import { preparedStatement, queryBatch, runBatch } from '../../../bot/data/preparedStatements.js';
import { openMigratedDatabase } from '../../support/database.js';
import { createScratchDatabase, skipWithoutPostgres } from '../../support/postgres.js';

const ECHO = preparedStatement('test_echo', 'SELECT $1::text AS said, $2::int + 1 AS next');
const BROKEN = preparedStatement('test_broken', 'SELECT * FROM "NoSuchTable" WHERE id = $1');
const NOTE = preparedStatement('test_note', 'INSERT INTO batch_probe (said) VALUES ($1)');
const DIVIDE = preparedStatement('test_divide', 'SELECT 100 / $1::int AS quotient');

/** What a client sends: SQL text it is asked to run, and each statement text it parses for the wire. */
function recording(client: pg.ClientBase): { queries: string[]; parsed: string[] } {
  const sent = { queries: [] as string[], parsed: [] as string[] };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    if (typeof args[0] === 'string') sent.queries.push(args[0]);
    return query(...args);
  }) as typeof client.query;
  const connection = (client as unknown as { connection: { parse(message: { text: string }): void } }).connection;
  const parse = connection.parse.bind(connection);
  connection.parse = (message) => {
    sent.parsed.push(message.text);
    parse(message);
  };
  return sent;
}

function batchContract(label: string, open: () => Promise<{ db: Database; cleanup(): Promise<void> }>, sessionSharedByConnections: boolean) {
  describe(`statement batches on ${label}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ db, cleanup } = await open());
      await db.pool.query('CREATE TABLE batch_probe (said text NOT NULL)');
    });
    afterAll(async () => {
      await db.close();
      await cleanup();
    });

    it('when a batch runs twice on one connection, then its statement is prepared once and each step has its result, values intact', async () => {
      const client = await db.pool.connect();
      try {
        const sent = recording(client);
        const first = await runBatch(client, [{ statement: ECHO, values: ["it's \\ fine; --", 41] }, 'SELECT 7 AS seven']);
        const second = await runBatch(client, [{ statement: ECHO, values: ['again', null] }]);
        expect(first.map((result) => result.rows)).toEqual([[{ said: "it's \\ fine; --", next: 42 }], [{ seven: 7 }]]);
        expect(second.map((result) => result.rows)).toEqual([[{ said: 'again', next: null }]]);
        expect(sent.queries.filter((sql) => sql.startsWith('PREPARE'))).toHaveLength(1);
        expect(sent.queries.filter((sql) => sql.includes('pg_prepared_statements'))).toHaveLength(1);
        expect([...sent.queries, ...sent.parsed].join('\n')).not.toMatch(/fine|again/);
      } finally {
        client.release();
      }
    });

    it(`when a new connection comes, then it ${sessionSharedByConnections ? 'uses what its session already holds' : 'prepares the statement in its own session'}`, async () => {
      await queryBatch(db.pool, [{ statement: ECHO, values: ['warm', 0] }]);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const sent = recording(client);
        const [result] = await runBatch(client, [{ statement: ECHO, values: ['new', 1] }]);
        expect(result?.rows).toEqual([{ said: 'new', next: 2 }]);
        expect(sent.queries.filter((sql) => sql.startsWith('PREPARE'))).toHaveLength(sessionSharedByConnections ? 0 : 1);
      } finally {
        await client.end();
      }
    });

    it('when a statement cannot be prepared, then the call fails, that connection is dropped, and the next call works', async () => {
      await queryBatch(db.pool, [{ statement: ECHO, values: ['warm', 0] }]);
      const connections = db.pool.totalCount;
      await expect(queryBatch(db.pool, [{ statement: BROKEN, values: ['x'] }])).rejects.toThrow(/NoSuchTable/);
      expect(db.pool.totalCount).toBe(connections - 1);
      const [result] = await queryBatch(db.pool, [{ statement: ECHO, values: ['after', 2] }]);
      expect(result?.rows).toEqual([{ said: 'after', next: 3 }]);
    });

    it('when a step fails, then the batch fails, what came before it is rolled back and nothing after it runs', async () => {
      await expect(
        queryBatch(db.pool, [
          { statement: NOTE, values: ['before'] },
          { statement: DIVIDE, values: [0] },
          { statement: NOTE, values: ['after'] },
        ]),
      ).rejects.toThrow(/division by zero/);
      const [result] = await queryBatch(db.pool, [{ statement: DIVIDE, values: [4] }]);
      expect(result?.rows).toEqual([{ quotient: 25 }]);
      expect((await db.pool.query('SELECT said FROM batch_probe')).rows).toEqual([]);
    });

    it('when a batch holds its own transaction, then its steps commit together', async () => {
      const results = await queryBatch(db.pool, ['BEGIN', { statement: NOTE, values: ['one'] }, { statement: NOTE, values: ['two'] }, 'COMMIT']);
      expect(results.map((result) => result.command)).toEqual(['BEGIN', 'INSERT', 'INSERT', 'COMMIT']);
      expect((await db.pool.query('SELECT said FROM batch_probe ORDER BY said')).rows).toEqual([{ said: 'one' }, { said: 'two' }]);
    });

    it('when a name is made, then it carries a hash of the text, so another text never runs under it', () => {
      expect(preparedStatement('x', 'SELECT 1').name).toMatch(/^ledsager_x_[0-9a-f]{12}$/);
      expect(preparedStatement('x', 'SELECT 1').name).not.toBe(preparedStatement('x', 'SELECT 2').name);
    });
  });
}

// The embedded database is one PostgreSQL session behind every connection; a server gives each its own.
batchContract('PGlite', async () => ({ db: await openMigratedDatabase(), cleanup: async () => {} }), true);

describe.skipIf(skipWithoutPostgres)('on PostgreSQL', () => {
  batchContract(
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase();
      return { db: await openMigratedDatabase(scratch.url), cleanup: scratch.drop };
    },
    false,
  );
});
