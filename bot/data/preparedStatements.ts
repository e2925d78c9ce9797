import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * A statement every turn runs, parsed and planned once per database session instead of once per
 * use: on PostgreSQL that halved the server's CPU for a turn's statements, and on the embedded
 * database (PostgreSQL in WebAssembly) it saved ~0.6 ms a turn (measured, 2026-12-07). Its
 * parameters' types are inferred from `text`. Make one with `preparedStatement`.
 */
export interface PreparedStatement {
  /** Unique in the session: prefixed, and ending in a hash of `text`. */
  readonly name: `ledsager_${string}`;
  readonly text: string;
}

/**
 * Names it after its text too, so that a session that outlives a deployment (behind a pooler) never
 * runs an older version's statement under the same name.
 */
export function preparedStatement(name: string, text: string): PreparedStatement {
  return { name: `ledsager_${name}_${createHash('sha256').update(text).digest('hex').slice(0, 12)}`, text };
}

/**
 * The statement as SQL with its arguments as SQL literals (see `sqlLiteral`), so that it can ride in a
 * simple-query message with other statements: one round trip for several prepared statements.
 */
export function executeSql(statement: PreparedStatement, literals: readonly string[]): string {
  return `EXECUTE ${statement.name}(${literals.join(', ')})`;
}

/**
 * A string as a SQL literal, exactly as pg's `escapeLiteral` writes it (quotes doubled; with a
 * backslash, backslashes doubled in an E'' string), without its character-by-character
 * concatenation: conversation state is kilobytes, and that loop was a seventh of a turn's allocation.
 */
export function sqlLiteral(value: string): string {
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/** What each connection's session is known to hold. Plain per client: a replaced connection starts empty. */
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

/**
 * Prepares on the connection's session those of `statements` it lacks. The first time for a
 * connection it asks the session what it holds: an embedded database is one session behind every
 * connection, so a statement prepared through an earlier connection is still there. One round trip
 * per new connection, and one more when something is missing; none after that.
 */
export async function prepareOn(client: pg.ClientBase, statements: readonly PreparedStatement[]): Promise<void> {
  let known = preparedOn.get(client);
  if (!known) {
    const held = await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE name LIKE 'ledsager\\_%'");
    known = new Set(held.rows.map((row) => row.name));
    preparedOn.set(client, known);
  }
  const missing = statements.filter((statement) => !known.has(statement.name));
  if (missing.length === 0) return;
  await client.query(missing.map((statement) => `PREPARE ${statement.name} AS ${statement.text}`).join(';\n'));
  for (const statement of missing) known.add(statement.name);
}

/** Each connection's own suffix for pg's protocol-level statement names (see `queryWithValues`). */
const connectionSuffixes = new WeakMap<pg.ClientBase, string>();
let connectionsSeen = 0;

/**
 * Runs one statement with its values bound, not written into the SQL: a statement that fails is
 * logged by PostgreSQL with its text, and a citizen's answers must not land in the server's log.
 * pg prepares it once per connection under a name of that connection's own, since on the embedded
 * database a later connection would find the name taken in the one shared session.
 */
export function queryWithValues<R extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: Pick<pg.Pool, 'connect'>,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<pg.QueryResult<R>> {
  return onPooledConnection(pool, (client) => {
    let suffix = connectionSuffixes.get(client);
    if (!suffix) {
      connectionsSeen += 1;
      suffix = `c${process.pid}_${connectionsSeen}`;
      connectionSuffixes.set(client, suffix);
    }
    return client.query<R>({ name: `${statement.name}_${suffix}`, text: statement.text, values: [...values] });
  });
}

/** Runs plain SQL (made with `executeSql`) on a pooled connection that has the statements prepared. */
export function queryPrepared<R extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: Pick<pg.Pool, 'connect'>,
  statements: readonly PreparedStatement[],
  sql: string,
): Promise<pg.QueryResult<R> | pg.QueryResult<R>[]> {
  return onPooledConnection(pool, async (client) => {
    await prepareOn(client, statements);
    return (await client.query<R>(sql)) as pg.QueryResult<R> | pg.QueryResult<R>[];
  });
}

/**
 * Runs `work` on a connection of the pool. A connection whose work failed (a failed PREPARE, a
 * connection the server ended) is closed, not handed out again with a session in doubt.
 */
async function onPooledConnection<T>(pool: Pick<pg.Pool, 'connect'>, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
