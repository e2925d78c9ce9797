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

  constructor(connectionString: string, maxConcurrentTurns: number, onQuery?: () => void) {
    this.lockPool = new pg.Pool({ connectionString, max: maxConcurrentTurns });
    this.lockPool.on('error', () => {});
    if (onQuery) countQueries(this.lockPool, onQuery);
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const client = await this.lockPool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [TURN_LOCK_CLASS, key]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [TURN_LOCK_CLASS, key]);
        }
      } finally {
        client.release();
      }
    });
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  async close(): Promise<void> {
    await this.lockPool.end();
  }
}
