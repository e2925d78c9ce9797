import { createHash } from 'node:crypto';
import pg from 'pg';

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

/** What each connection's session is known to hold. Plain per client: a replaced connection starts empty. */
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

/**
 * Prepares on the connection's session those of `statements` it lacks. The first time for a
 * connection it asks the session what it holds: an embedded database is one session behind every
 * connection, so a statement prepared through an earlier connection is still there. One round trip
 * per new connection, and one more when something is missing; none after that.
 */
async function prepareOn(client: pg.ClientBase, statements: readonly PreparedStatement[]): Promise<void> {
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

/** A value bound to a statement's parameter, sent as text (PostgreSQL parses it as the parameter's type). */
export type BoundValue = string | number | boolean | null;

/**
 * One statement of a batch: a prepared statement with its values, or a statement without
 * parameters that is parsed where it stands (`BEGIN …`, `SET LOCAL …`, `COMMIT`).
 */
export type BatchStep = BoundStatement | string;

/** A prepared statement with the values for its parameters. */
export interface BoundStatement {
  statement: PreparedStatement;
  values: readonly BoundValue[];
}

/** The prepared statements `steps` execute, each once. */
function statementsOf(steps: readonly BatchStep[]): PreparedStatement[] {
  const byName = new Map<string, PreparedStatement>();
  for (const step of steps) if (typeof step !== 'string') byName.set(step.statement.name, step.statement);
  return [...byName.values()];
}

/** The calls on pg's connection that its own extended-protocol queries make (see pg's `Query.prepare`). */
interface ProtocolConnection {
  stream: { cork(): void; uncork(): void };
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; values?: (string | null)[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string }): void;
  sync(): void;
}

/**
 * Several statements in one round trip: each bound (values as parameters, never in the SQL text, so
 * a statement that fails is logged by PostgreSQL without them) and executed, then one Sync. Until that
 * Sync the statements are one transaction, unless they hold their own BEGIN and COMMIT; the first
 * that fails ends the batch. pg's own query gathers the results, one per statement.
 */
class Batch extends pg.Query {
  constructor(
    private readonly steps: readonly BatchStep[],
    callback: (error: Error | undefined, results: pg.QueryResult | pg.QueryResult[]) => void,
  ) {
    super({ text: '' }, undefined, callback as never);
    this.submit = (connection) => {
      const protocol = connection as unknown as ProtocolConnection;
      protocol.stream.cork();
      try {
        for (const step of this.steps) {
          if (typeof step === 'string') {
            protocol.parse({ text: step });
            protocol.bind({});
          } else {
            protocol.bind({ statement: step.statement.name, values: step.values.map((value) => (value === null ? null : String(value))) });
          }
          protocol.describe({ type: 'P', name: '' });
          protocol.execute({ portal: '' });
        }
        protocol.sync();
      } finally {
        protocol.stream.uncork();
      }
    };
  }
}

/**
 * Runs `steps` as one batch (see `Batch`) on a connection that has their prepared statements
 * prepared; one result per step.
 */
export async function runBatch(client: pg.ClientBase, steps: readonly BatchStep[]): Promise<pg.QueryResult[]> {
  await prepareOn(client, statementsOf(steps));
  const results = await new Promise<pg.QueryResult | pg.QueryResult[]>((resolve, reject) => {
    client.query(new Batch(steps, (error, result) => (error ? reject(error) : resolve(result))));
  });
  return Array.isArray(results) ? results : [results];
}

/** `runBatch` on a pooled connection. */
export function queryBatch(pool: Pick<pg.Pool, 'connect'>, steps: readonly BatchStep[]): Promise<pg.QueryResult[]> {
  return onPooledConnection(pool, (client) => runBatch(client, steps));
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
