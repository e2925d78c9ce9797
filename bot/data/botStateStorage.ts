import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type pg from 'pg';
import type { FieldCipher } from './fieldCipher.js';
import { preparedStatement } from './preparedStatements.js';
import { sealColumn } from './sealedFields.js';
import { dropTurnWrite, takeReadAhead, type TurnAddress, type TurnReader, writeAtTurnEnd } from './turnSerializer.js';

/** The state columns by key; a turn's read-ahead and a plain read end it differently. */
const SELECT_STATE_BY_KEY = 'SELECT key, data, "eTag" FROM "BotState" WHERE key';

const READ_STATE = preparedStatement('read_state', `${SELECT_STATE_BY_KEY} = $1`);

/** An overwrite (key, data, eTag). */
const WRITE_STATE = preparedStatement(
  'write_state',
  `INSERT INTO "BotState" (key, data, "eTag", "updatedAt") VALUES ($1, $2, $3, now())
   ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, "eTag" = EXCLUDED."eTag", "updatedAt" = now()`,
);

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
 *
 * Inside a turn the conversation's state rides on the turn's own round trips: read ahead before it
 * runs, and an overwrite (`*`, as ConversationState saves) sent when it ends (on PostgreSQL, with the
 * commit that releases the conversation's lock).
 */
export class BotStateStorage implements Storage {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: FieldCipher,
  ) {}

  /** The read a turn's opening batch makes: the conversation's state; its overwrite is left for the turn's end. */
  readonly readAhead: TurnReader = {
    read: (turn: TurnAddress) => ({ key: turn.conversationKey, query: { statement: READ_STATE, values: [turn.conversationKey] } }),
  };

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows: StateRow[] = [];
    const unread: string[] = [];
    for (const key of keys) {
      const ahead = takeReadAhead(key) as StateRow[] | undefined;
      if (ahead) rows.push(...ahead);
      else unread.push(key);
    }
    if (unread.length > 0) rows.push(...(await this.pool.query<StateRow>(`${SELECT_STATE_BY_KEY} = ANY($1)`, [unread])).rows);
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
        const json = JSON.stringify(data);
        // Each later read in the turn gets its own copy: reads open sealed values in place.
        const rowsAfter = (): StateRow[] => [{ key, data: JSON.parse(json) as StateRow['data'], eTag: nextETag }];
        if (writeAtTurnEnd(key, { key, write: { statement: WRITE_STATE, values: [key, json, nextETag] }, rowsAfter })) continue;
        await this.pool.query(WRITE_STATE.text, [key, data, nextETag]);
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
    // A write of this turn still waiting for its end would bring the state back, and a later read would see it.
    for (const key of keys) dropTurnWrite(key);
    await this.pool.query('DELETE FROM "BotState" WHERE key = ANY($1)', [keys]);
  }
}

/** A write carried an eTag that no longer matches: someone else wrote first. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super('Storage: eTag conflict');
  }
}
