import pg from 'pg';
import { countQueries } from './database.js';
import { type BatchStep, type BoundStatement, preparedStatement, queryBatch, runBatch } from './preparedStatements.js';

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

/** A read the turn's opening batch makes (on PostgreSQL, once the lock is granted); `key` is what its reader asks `takeReadAhead` for. */
export interface TurnRead {
  key: string;
  query: BoundStatement;
}

/** Reads what a turn will ask first, for the turn's opening batch. */
export interface TurnReader {
  read(turn: TurnAddress): TurnRead;
}

/**
 * A write left for the turn's closing batch. A later write under the same `key` replaces it; when
 * it has `rowsAfter`, a read of `key` in the rest of the turn gets those rows (its own write).
 */
export interface TurnWrite {
  key: string;
  write: BoundStatement;
  rowsAfter?: () => unknown[];
}

/** What one turn holds while it runs: the keys it read ahead, and the writes left for its end. */
interface TurnInProgress {
  readonly conversationKey: string;
  readonly readKeys: string[];
  readonly pending: Map<string, TurnWrite>;
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

/** Registers a turn with what its opening batch read; the reads' results are `results` from `offset` on. */
function startTurn(turn: TurnAddress, reads: TurnRead[], results: pg.QueryResult[], offset: number): TurnInProgress {
  const inProgress: TurnInProgress = { conversationKey: turn.conversationKey, readKeys: reads.map((read) => read.key), pending: new Map() };
  reads.forEach((read, i) => rowsReadAhead.set(read.key, { rows: results[offset + i]?.rows ?? [], turn: inProgress }));
  turnsInProgress.set(turn.conversationKey, inProgress);
  return inProgress;
}

/** Forgets a turn, and what it read ahead that was not taken. */
function finishTurn(inProgress: TurnInProgress): void {
  if (turnsInProgress.get(inProgress.conversationKey) === inProgress) turnsInProgress.delete(inProgress.conversationKey);
  for (const key of inProgress.readKeys) if (rowsReadAhead.get(key)?.turn === inProgress) rowsReadAhead.delete(key);
}

/** The writes a turn left for its end, in the order they were first left. */
function pendingWrites(inProgress: TurnInProgress): BoundStatement[] {
  return [...inProgress.pending.values()].map((pending) => pending.write);
}

/**
 * What a read of `key` gets without asking the database: the running turn's own write under `key`
 * (the conversation's), if it left one for its end, else what its opening batch read under `key`,
 * served once (a later read goes to the database).
 */
export function takeReadAhead(key: string): unknown[] | undefined {
  const pending = turnsInProgress.get(key)?.pending.get(key);
  if (pending?.rowsAfter) return pending.rowsAfter();
  const ahead = rowsReadAhead.get(key);
  rowsReadAhead.delete(key);
  return ahead?.rows;
}

/**
 * Leaves a write for the closing batch of the conversation's running turn, which runs only if the
 * turn succeeds, in one transaction with the turn's other writes. False when no turn of that
 * conversation runs here: the caller then writes at once. Only a conversation's own turns leave
 * writes for it, so a write from outside never lands in a turn's commit.
 */
export function writeAtTurnEnd(conversationKey: string, write: TurnWrite): boolean {
  const turn = turnsInProgress.get(conversationKey);
  if (!turn) return false;
  turn.pending.set(write.key, write);
  return true;
}

/**
 * Withdraws every write the conversation's running turn left for its end: the turn failed, though
 * the adapter caught the error and the turn itself ends normally.
 */
export function dropTurnWrites(conversationKey: string): void {
  turnsInProgress.get(conversationKey)?.pending.clear();
}

/** Withdraws the running turn's write and read-ahead under the conversation's own key (its state was deleted). */
export function dropTurnWrite(conversationKey: string): void {
  const turn = turnsInProgress.get(conversationKey);
  if (!turn) return;
  turn.pending.delete(conversationKey);
  if (rowsReadAhead.get(conversationKey)?.turn === turn) rowsReadAhead.delete(conversationKey);
}

/**
 * Turns on the embedded database, which only one process can own: the in-process queue serialises
 * them. A turn's reads ahead take one round trip before it runs, and its writes left for the end one
 * after (a batch is one transaction).
 */
export class EmbeddedTurnSerializer implements TurnSerializer {
  private readonly local = new InProcessTurnSerializer();

  constructor(
    private readonly pool: pg.Pool,
    private readonly readsAhead: TurnReader[],
  ) {}

  run<T>(turn: TurnAddress, work: () => Promise<T>): Promise<T> {
    return this.local.run(turn, async () => {
      const reads = this.readsAhead.map((reader) => reader.read(turn));
      const results = reads.length > 0 ? await queryBatch(this.pool, reads.map((read) => read.query)) : [];
      const inProgress = startTurn(turn, reads, results, 0);
      let result: T;
      try {
        result = await work();
      } finally {
        finishTurn(inProgress);
      }
      if (inProgress.pending.size > 0) await queryBatch(this.pool, pendingWrites(inProgress));
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

/** Waits for the conversation's lock (class, conversation key), held until the transaction ends. */
const TAKE_TURN_LOCK = preparedStatement('take_turn_lock', 'SELECT pg_advisory_xact_lock($1, hashtext($2))');

/**
 * Serialises turns of one conversation across instances: each turn is a transaction on a
 * connection of its own that holds a transaction-scoped advisory lock for the conversation.
 * botbuilder saves state with eTag `*` (last writer wins), so two concurrent turns of one
 * conversation would silently lose one's state.
 *
 * The serializer's part of a turn is two round trips: the first batch begins the transaction,
 * takes the lock and reads what the turn reads first; the last writes what was left for the commit
 * and commits, which releases the lock with the state written. Locks use their own small pool so that turns holding a
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
        await this.end(client, ['ROLLBACK']).catch(() => undefined);
        throw error;
      } finally {
        finishTurn(inProgress);
      }
      await this.end(client, [...pendingWrites(inProgress), 'COMMIT']);
      return result;
    });
  }

  /**
   * One batch: its statements run one after another, and under READ COMMITTED each read takes its
   * own snapshot, so the reads start after the lock is granted and see the previous turn's committed
   * writes.
   */
  private async begin(client: pg.PoolClient, turn: TurnAddress): Promise<TurnInProgress> {
    const reads = this.readsAhead.map((reader) => reader.read(turn));
    const lock: BatchStep[] = [
      // Whatever the server's defaults: each read its own snapshot, and no timeout on a turn that waits for the channel.
      'BEGIN ISOLATION LEVEL READ COMMITTED',
      'SET LOCAL idle_in_transaction_session_timeout = 0',
      { statement: TAKE_TURN_LOCK, values: [TURN_LOCK_CLASS, turn.conversationKey] },
    ];
    const results = await runBatch(client, [...lock, ...reads.map((read) => read.query)]);
    return startTurn(turn, reads, results, lock.length);
  }

  /** Ends the transaction; a connection whose end failed is closed, which rolls back and releases the lock. */
  private async end(client: pg.PoolClient, steps: BatchStep[]): Promise<void> {
    try {
      await runBatch(client, steps);
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
