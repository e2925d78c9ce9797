import pg from 'pg';
import { countQueries } from './database.js';
import { type PreparedStatement, prepareOn, queryPrepared, sqlLiteral } from './preparedStatements.js';

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
 * A read the turn's opening message makes (on PostgreSQL, once the lock is granted). `sql` executes
 * one of its reader's prepared statements with its values as escaped literals (it rides in a
 * simple-query message); `key` is what the reader asks `takeReadAhead` for.
 */
export interface TurnRead {
  key: string;
  sql: string;
}

/** Reads what a turn will ask first, for the turn's opening message. */
export interface TurnReader {
  /** What its reads execute: prepared on a turn's connection first. */
  readonly statements: readonly PreparedStatement[];
  read(turn: TurnAddress): TurnRead;
}

/** SQL for a turn's message, and the prepared statements it executes. */
export interface TurnWrite {
  statements: readonly PreparedStatement[];
  sql: string;
}

/** The conversation's own write, left for the turn's end, and what a read of it gets meanwhile. */
interface PendingWrite extends TurnWrite {
  rows: () => unknown[];
}

/** What one turn holds while it runs: the keys it read ahead, and the write left for its end. */
interface TurnInProgress {
  readonly conversationKey: string;
  readonly readKeys: string[];
  pending?: PendingWrite;
}

/**
 * Turns running in this process by conversation key (a conversation runs one turn at a time here),
 * and the rows they read ahead by reader key, until taken. Plain maps, not AsyncLocalStorage: on
 * Node 20 that installs promise hooks which make every await in the process slower. A reader key
 * other than the conversation's (who is writing) may be taken by another turn of the same person
 * in another conversation: rows of the same person, read moments apart.
 */
const turnsInProgress = new Map<string, TurnInProgress>();
const rowsReadAhead = new Map<string, { rows: unknown[]; turn: TurnInProgress }>();

/** Registers a turn with what its opening message read; the reads' results are `results` from `offset` on. */
function startTurn(turn: TurnAddress, reads: TurnRead[], results: pg.QueryResult | pg.QueryResult[], offset: number): TurnInProgress {
  const all = Array.isArray(results) ? results : [results];
  const inProgress: TurnInProgress = { conversationKey: turn.conversationKey, readKeys: reads.map((read) => read.key) };
  reads.forEach((read, i) => rowsReadAhead.set(read.key, { rows: all[offset + i]?.rows ?? [], turn: inProgress }));
  turnsInProgress.set(turn.conversationKey, inProgress);
  return inProgress;
}

/** Forgets a turn, and what it read ahead that was not taken. */
function finishTurn(inProgress: TurnInProgress): void {
  if (turnsInProgress.get(inProgress.conversationKey) === inProgress) turnsInProgress.delete(inProgress.conversationKey);
  for (const key of inProgress.readKeys) if (rowsReadAhead.get(key)?.turn === inProgress) rowsReadAhead.delete(key);
}

/**
 * What a read of `key` gets without asking the database: the running turn's own write, if it left
 * one for its end, else what its opening message read under `key`, served once (a later read goes
 * to the database).
 */
export function takeReadAhead(key: string): unknown[] | undefined {
  const pending = turnsInProgress.get(key)?.pending;
  if (pending) return pending.rows();
  const ahead = rowsReadAhead.get(key);
  rowsReadAhead.delete(key);
  return ahead?.rows;
}

/**
 * Leaves the conversation's own write (plain SQL, replacing an earlier one) for its running turn's
 * closing message, which runs only if the turn succeeds; until then its reads get `rowsAfter()`.
 * False when no turn of that conversation runs here: the caller then writes at once. Only that
 * conversation's turns write its state, so a write outside them never lands in a turn's commit.
 */
export function writeAtTurnEnd(conversationKey: string, write: TurnWrite, rowsAfter: () => unknown[]): boolean {
  const turn = turnsInProgress.get(conversationKey);
  if (!turn) return false;
  turn.pending = { ...write, rows: rowsAfter };
  return true;
}

/** Withdraws the running turn's write and read-ahead for the conversation (it was deleted). */
export function dropTurnWrite(conversationKey: string): void {
  const turn = turnsInProgress.get(conversationKey);
  if (!turn) return;
  turn.pending = undefined;
  if (rowsReadAhead.get(conversationKey)?.turn === turn) rowsReadAhead.delete(conversationKey);
}

/**
 * Turns on the embedded database, which only one process can own: the in-process queue serialises
 * them. A turn's reads ahead take one round trip before it runs, and its writes left for the end one
 * after (a message is one transaction).
 */
export class EmbeddedTurnSerializer implements TurnSerializer {
  private readonly local = new InProcessTurnSerializer();
  private readonly statements: PreparedStatement[];

  constructor(
    private readonly pool: pg.Pool,
    private readonly readsAhead: TurnReader[],
  ) {
    this.statements = readsAhead.flatMap((reader) => reader.statements);
  }

  run<T>(turn: TurnAddress, work: () => Promise<T>): Promise<T> {
    return this.local.run(turn, async () => {
      const reads = this.readsAhead.map((reader) => reader.read(turn));
      const results = reads.length > 0 ? await queryPrepared(this.pool, this.statements, reads.map((read) => read.sql).join(';\n')) : [];
      const inProgress = startTurn(turn, reads, results, 0);
      let result: T;
      try {
        result = await work();
      } finally {
        finishTurn(inProgress);
      }
      if (inProgress.pending) await queryPrepared(this.pool, inProgress.pending.statements, inProgress.pending.sql);
      return result;
    });
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  async close(): Promise<void> {}
}

function ignoreConnectionLoss(): void {}

/** Back to the pool (or closed, given an error), without the listener the turn held it with. */
function release(client: pg.PoolClient, destroy?: Error | boolean): void {
  client.off('error', ignoreConnectionLoss);
  client.release(destroy);
}

/** Advisory-lock namespace for conversation turns (the second key is the conversation's hash). */
const TURN_LOCK_CLASS = 72_616_002;

/**
 * Serialises turns of one conversation across instances: each turn is a transaction on a
 * connection of its own that holds a transaction-scoped advisory lock for the conversation.
 * botbuilder saves state with eTag `*` (last writer wins), so two concurrent turns of one
 * conversation would silently lose one's state.
 *
 * The serializer's part of a turn is two round trips: the first message begins the transaction,
 * takes the lock and reads what the turn reads first; the last writes what was left for the commit
 * and commits, which releases the lock with the state written. Locks use their own small pool so that turns holding a
 * lock can never starve the queries they run.
 */
export class PostgresTurnSerializer implements TurnSerializer {
  private readonly local = new InProcessTurnSerializer();
  private readonly lockPool: pg.Pool;
  private readonly statements: PreparedStatement[];

  constructor(
    connectionString: string,
    maxConcurrentTurns: number,
    private readonly readsAhead: TurnReader[],
    onQuery?: () => void,
  ) {
    this.statements = readsAhead.flatMap((reader) => reader.statements);
    this.lockPool = new pg.Pool({ connectionString, max: maxConcurrentTurns });
    this.lockPool.on('error', () => {});
    if (onQuery) countQueries(this.lockPool, onQuery);
  }

  run<T>(turn: TurnAddress, work: () => Promise<T>): Promise<T> {
    return this.local.run(turn, async () => {
      const client = await this.lockPool.connect();
      // Held between queries for the whole turn: a connection the server ends meanwhile must not
      // crash the process (pg emits 'error' on an idle client); the next query on it fails instead.
      client.on('error', ignoreConnectionLoss);
      let inProgress: TurnInProgress;
      try {
        inProgress = await this.begin(client, turn);
      } catch (error) {
        // Whether the lock was granted is unknown: ending the session releases it either way.
        release(client, error instanceof Error ? error : true);
        throw error;
      }
      let result: T;
      try {
        result = await work();
      } catch (error) {
        await this.end(client, { statements: [], sql: 'ROLLBACK' }).catch(() => undefined);
        throw error;
      } finally {
        finishTurn(inProgress);
      }
      const { pending } = inProgress;
      await this.end(client, pending ? { statements: pending.statements, sql: `${pending.sql};\nCOMMIT` } : { statements: [], sql: 'COMMIT' });
      return result;
    });
  }

  /**
   * One simple-query message: its statements run one after another, and under READ COMMITTED each
   * read takes its own snapshot, so the reads start after the lock is granted and see the previous
   * turn's committed writes.
   */
  private async begin(client: pg.PoolClient, turn: TurnAddress): Promise<TurnInProgress> {
    await prepareOn(client, this.statements);
    const reads = this.readsAhead.map((reader) => reader.read(turn));
    const lock = [
      // Whatever the server's defaults: each read its own snapshot, and no timeout on a turn that waits for the channel.
      'BEGIN ISOLATION LEVEL READ COMMITTED',
      'SET LOCAL idle_in_transaction_session_timeout = 0',
      `SELECT pg_advisory_xact_lock(${TURN_LOCK_CLASS}, hashtext(${sqlLiteral(turn.conversationKey)}))`,
    ];
    const results = await client.query([...lock, ...reads.map((read) => read.sql)].join(';\n'));
    return startTurn(turn, reads, results, lock.length);
  }

  /** Ends the transaction; a connection whose end failed is closed, which rolls back and releases the lock. */
  private async end(client: pg.PoolClient, { statements, sql }: TurnWrite): Promise<void> {
    try {
      await prepareOn(client, statements);
      await client.query(sql);
    } catch (error) {
      release(client, error instanceof Error ? error : true);
      throw error;
    }
    release(client);
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  async close(): Promise<void> {
    await this.lockPool.end();
  }
}
