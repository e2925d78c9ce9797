import pg from 'pg';
import { countQueries } from './database.js';

/** Runs the turns of one conversation one at a time, in arrival order; different conversations run in parallel. */
export interface TurnSerializer {
  run<T>(turn: TurnAddress, work: () => Promise<T>): Promise<T>;
  /** Resolves when every turn queued so far has finished. */
  idle(): Promise<void>;
  /** Releases connections; call after `idle()`: a turn still queued then fails. */
  close(): Promise<void>;
}

/**
 * In-process queue per key: the first stage of both database serializers, so that one instance
 * never runs (or, on PostgreSQL, holds two lock connections for) one conversation twice at once.
 */
export class InProcessTurnSerializer implements TurnSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(turn: Pick<TurnAddress, 'conversationKey'>, work: () => Promise<T>): Promise<T> {
    const key = turn.conversationKey;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }

  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }

  async close(): Promise<void> {}
}

/** Whose turn it is: the conversation it is locked under, and who is writing (what it will read first). */
export interface TurnAddress {
  conversationKey: string;
  channelId: string;
  userId: string;
}

/**
 * A read the turn's opening message makes (on PostgreSQL, once the lock is granted). `sql` is plain
 * SQL with its values as escaped literals (it rides in a simple-query message); `key` is what the
 * reader asks `takeReadAhead` for.
 */
export interface TurnRead {
  key: string;
  sql: string;
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

/** Reads what a turn will ask first, for the turn's opening message. */
export type TurnReader = (turn: TurnAddress) => TurnRead;

/** What one turn holds while it runs: the keys it read ahead, and writes left for its end. */
interface TurnInProgress {
  readonly conversationKey: string;
  readonly readKeys: string[];
  readonly atEnd: Map<string, string>;
}

/**
 * Turns running in this process by conversation key (a conversation runs one turn at a time here),
 * and the rows they read ahead by reader key, until taken. Plain maps, not AsyncLocalStorage: on
 * Node 20 that installs promise hooks which make every await in the process slower.
 */
const turnsInProgress = new Map<string, TurnInProgress>();
const rowsReadAhead = new Map<string, { rows: unknown[]; turn: TurnInProgress }>();

/** Registers a turn with what its opening message read; the reads' results are `results` from `offset` on. */
function startTurn(turn: TurnAddress, reads: TurnRead[], results: pg.QueryResult | pg.QueryResult[], offset: number): TurnInProgress {
  const all = Array.isArray(results) ? results : [results];
  const inProgress: TurnInProgress = { conversationKey: turn.conversationKey, readKeys: reads.map((read) => read.key), atEnd: new Map() };
  reads.forEach((read, i) => rowsReadAhead.set(read.key, { rows: all[offset + i]?.rows ?? [], turn: inProgress }));
  turnsInProgress.set(turn.conversationKey, inProgress);
  return inProgress;
}

/** Forgets a turn, and what it read ahead that was not taken. */
function finishTurn(inProgress: TurnInProgress): void {
  if (turnsInProgress.get(inProgress.conversationKey) === inProgress) turnsInProgress.delete(inProgress.conversationKey);
  for (const key of inProgress.readKeys) if (rowsReadAhead.get(key)?.turn === inProgress) rowsReadAhead.delete(key);
}

/** Rows a turn's opening message read under `key`; served once (a later read goes to the database). */
export function takeReadAhead(key: string): unknown[] | undefined {
  const ahead = rowsReadAhead.get(key);
  rowsReadAhead.delete(key);
  return ahead?.rows;
}

/**
 * For the turn of `conversationKey`, if one runs: the rows a later read of that key gets (what the
 * database will hold once the turn ends).
 */
export function putReadAhead(conversationKey: string, rows: unknown[]): void {
  const turn = turnsInProgress.get(conversationKey);
  if (turn) rowsReadAhead.set(conversationKey, { rows, turn });
}

/**
 * Leaves a write of the conversation's running turn (plain SQL, replacing an earlier one under the
 * same `key`; undefined withdraws it) for the turn's closing message, which runs only if the turn
 * succeeds. False when no turn of that conversation runs here: the caller then writes at once.
 */
export function writeAtTurnEnd(conversationKey: string, key: string, sql: string | undefined): boolean {
  const turn = turnsInProgress.get(conversationKey);
  if (!turn) return false;
  if (sql === undefined) turn.atEnd.delete(key);
  else turn.atEnd.set(key, sql);
  return true;
}

/**
 * Turns on the embedded database, which only one process can own: the in-process queue serialises
 * them. A turn's reads ahead take one round trip before it runs, and its writes left for the end one
 * after (a message is one transaction).
 */
export class EmbeddedTurnSerializer implements TurnSerializer {
  private readonly local = new InProcessTurnSerializer();

  constructor(
    private readonly pool: pg.Pool,
    private readonly readsAhead: TurnReader[],
  ) {}

  run<T>(turn: TurnAddress, work: () => Promise<T>): Promise<T> {
    return this.local.run(turn, async () => {
      const reads = this.readsAhead.map((read) => read(turn));
      const results = reads.length > 0 ? await this.pool.query(reads.map((read) => read.sql).join(';\n')) : [];
      const inProgress = startTurn(turn, reads, results, 0);
      let result: T;
      try {
        result = await work();
      } finally {
        finishTurn(inProgress);
      }
      if (inProgress.atEnd.size > 0) await this.pool.query([...inProgress.atEnd.values()].join(';\n'));
      return result;
    });
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  async close(): Promise<void> {}
}

/** Advisory-lock namespace for conversation turns (the second key is the conversation's hash). */
const TURN_LOCK_CLASS = 72_616_002;

/**
 * Serialises turns of one conversation across instances: each turn is a transaction on a
 * connection of its own that holds a transaction-scoped advisory lock for the conversation.
 * botbuilder saves state with eTag `*` (last writer wins), so two concurrent turns of one
 * conversation would silently lose one's state.
 *
 * A turn costs two round trips here: the first message begins the transaction, takes the lock and
 * reads what the turn reads first; the last writes what was left for the commit and commits, which
 * releases the lock with the state written. Locks use their own small pool so that turns holding a
 * lock can never starve the queries they run.
 */
export class PostgresTurnSerializer implements TurnSerializer {
  private readonly local = new InProcessTurnSerializer();
  private readonly lockPool: pg.Pool;

  constructor(
    connectionString: string,
    maxConcurrentTurns: number,
    private readonly readsAhead: TurnReader[],
    onQuery?: () => void,
  ) {
    this.lockPool = new pg.Pool({ connectionString, max: maxConcurrentTurns });
    this.lockPool.on('error', () => {});
    if (onQuery) countQueries(this.lockPool, onQuery);
  }

  run<T>(turn: TurnAddress, work: () => Promise<T>): Promise<T> {
    return this.local.run(turn, async () => {
      const client = await this.lockPool.connect();
      let inProgress: TurnInProgress;
      try {
        inProgress = await this.begin(client, turn);
      } catch (error) {
        // Whether the lock was granted is unknown: ending the session releases it either way.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
      let result: T;
      try {
        result = await work();
      } catch (error) {
        await this.end(client, 'ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        finishTurn(inProgress);
      }
      await this.end(client, [...inProgress.atEnd.values(), 'COMMIT'].join(';\n'));
      return result;
    });
  }

  /**
   * One simple-query message: its statements run one after another, and under READ COMMITTED each
   * read takes its own snapshot, so the reads start after the lock is granted and see the previous
   * turn's committed writes.
   */
  private async begin(client: pg.PoolClient, turn: TurnAddress): Promise<TurnInProgress> {
    const reads = this.readsAhead.map((read) => read(turn));
    const sql = [
      'BEGIN',
      `SELECT pg_advisory_xact_lock(${TURN_LOCK_CLASS}, hashtext(${sqlLiteral(turn.conversationKey)}))`,
      ...reads.map((read) => read.sql),
    ].join(';\n');
    return startTurn(turn, reads, await client.query(sql), 2);
  }

  /** Ends the transaction; a connection whose end failed is closed, which rolls back and releases the lock. */
  private async end(client: pg.PoolClient, sql: string): Promise<void> {
    try {
      await client.query(sql);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    client.release();
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  async close(): Promise<void> {
    await this.lockPool.end();
  }
}
