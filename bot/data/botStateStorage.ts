import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type pg from 'pg';
import type { FieldCipher } from './fieldCipher.js';
import { sealColumn } from './sealedFields.js';
import type { ReadAhead } from './turnSerializer.js';

/** The state columns by key; the lock's read-ahead and a plain read end it differently. */
const SELECT_STATE_BY_KEY = 'SELECT key, data, "eTag" FROM "BotState" WHERE key';

interface StateRow {
  key: string;
  data: Record<string, unknown>;
  eTag: string;
}

/**
 * botbuilder `Storage` on the database, so conversation and user state survive
 * restarts and are shared between instances. eTag rules as botbuilder's own
 * storages: no eTag or `*` overwrites; any other eTag must match the stored one,
 * unless nothing is stored under that key yet. Dialog state can hold a citizen's words: it is sealed.
 */
export class BotStateStorage implements Storage, ReadAhead {
  /** Per turn: state the conversation lock read ahead, served to the turn's first read of its key. */
  private readonly readAhead = new AsyncLocalStorage<Map<string, StateRow | undefined>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: FieldCipher,
  ) {}

  statement(keyLiteral: string): string {
    return `${SELECT_STATE_BY_KEY} = ${keyLiteral}`;
  }

  during<T>(key: string, rows: unknown[], work: () => Promise<T>): Promise<T> {
    return this.readAhead.run(new Map([[key, (rows as StateRow[])[0]]]), work);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const ahead = this.readAhead.getStore();
    let rows: StateRow[];
    if (ahead && keys.every((key) => ahead.has(key))) {
      // Served once: a later read in the same turn (after a write) goes to the database.
      rows = keys.flatMap((key) => ahead.get(key) ?? []);
      for (const key of keys) ahead.delete(key);
    } else {
      rows = (await this.pool.query<StateRow>(`${SELECT_STATE_BY_KEY} = ANY($1)`, [keys])).rows;
    }
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...this.cipher.openDeep(row.data), eTag: row.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const { eTag, ...plain } = (change ?? {}) as Record<string, unknown>;
      const data = sealColumn(this.cipher, 'BotState', 'data', plain);
      const nextETag = randomUUID();
      if (eTag === undefined || eTag === '*') {
        await this.pool.query(
          `INSERT INTO "BotState" (key, data, "eTag", "updatedAt") VALUES ($1, $2, $3, now())
           ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, "eTag" = EXCLUDED."eTag", "updatedAt" = now()`,
          [key, data, nextETag],
        );
        continue;
      }
      const updated = await this.pool.query(
        'UPDATE "BotState" SET data = $2, "eTag" = $3, "updatedAt" = now() WHERE key = $1 AND "eTag" = $4',
        [key, data, nextETag, eTag],
      );
      if (updated.rowCount === 1) continue;
      const inserted = await this.pool.query(
        `INSERT INTO "BotState" (key, data, "eTag", "updatedAt") VALUES ($1, $2, $3, now()) ON CONFLICT (key) DO NOTHING`,
        [key, data, nextETag],
      );
      if (inserted.rowCount !== 1) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query('DELETE FROM "BotState" WHERE key = ANY($1)', [keys]);
  }
}

/** A write carried an eTag that no longer matches: someone else wrote first. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super('Storage: eTag conflict');
  }
}
