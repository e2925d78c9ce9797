import pg from 'pg';
import { countQueries } from './database.js';

/** Runs work for one key at a time, in arrival order; different keys run in parallel. */
export interface TurnSerializer {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Resolves when every turn queued so far has finished. */
  idle(): Promise<void>;
  /** Releases connections; call after `idle()`: a turn still queued then fails. */
  close(): Promise<void>;
}

/**
 * In-process queue per key. Enough on its own for the embedded database, which
 * only one process can own; also the first stage of the PostgreSQL serializer,
 * so one instance never holds two lock connections for the same conversation.
 */
export class InProcessTurnSerializer implements TurnSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
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

/**
 * What a turn will read first, read by the lock in the same round trip. `statement` is plain SQL
 * (no parameters: it rides in a simple-query message after the lock); `during` runs the turn with
 * what it returned at hand.
 */
export interface ReadAhead {
  statement(keyLiteral: string): string;
  during<T>(key: string, rows: unknown[], work: () => Promise<T>): Promise<T>;
}

/** Advisory-lock namespace for conversation turns (the second key is the conversation's hash). */
const TURN_LOCK_CLASS = 72_616_002;

/**
 * Serialises turns of one conversation across instances with a PostgreSQL
 * session advisory lock held for the turn. botbuilder saves state with eTag `*`
 * (last writer wins), so two concurrent turns of one conversation would
 * silently lose one's state. Locks use their own small pool so that turns
 * holding a lock can never starve the queries they run.
 */
export class PostgresTurnSerializer implements TurnSerializer {
  private readonly local = new InProcessTurnSerializer();
  private readonly lockPool: pg.Pool;

  constructor(
    connectionString: string,
    maxConcurrentTurns: number,
    private readonly readAhead: ReadAhead,
    onQuery?: () => void,
  ) {
    this.lockPool = new pg.Pool({ connectionString, max: maxConcurrentTurns });
    this.lockPool.on('error', () => {});
    if (onQuery) countQueries(this.lockPool, onQuery);
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const client = await this.lockPool.connect();
      let rows: unknown[];
      try {
        rows = await this.lock(client, key);
      } catch (error) {
        // Whether the lock was granted is unknown: ending the session releases it either way.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
      try {
        return await this.readAhead.during(key, rows, work);
      } finally {
        try {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [TURN_LOCK_CLASS, key]);
        } finally {
          client.release();
        }
      }
    });
  }

  /**
   * Takes the lock and reads ahead in one round trip. A simple-query message runs its statements
   * one after another, and under READ COMMITTED each takes its own snapshot, so the read starts
   * after the lock is granted and sees the previous turn's committed state.
   */
  private async lock(client: pg.PoolClient, key: string): Promise<unknown[]> {
    const literal = client.escapeLiteral(key);
    const results = (await client.query(`SELECT pg_advisory_lock(${TURN_LOCK_CLASS}, hashtext(${literal})); ${this.readAhead.statement(literal)}`)) as unknown as pg.QueryResult[];
    return results[1]?.rows ?? [];
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  async close(): Promise<void> {
    await this.lockPool.end();
  }
}
