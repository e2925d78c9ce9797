import type pg from 'pg';
import { isPlainObject } from '../../domain/plainObject.js';
import { type FieldCipher, sealedKeyId } from './fieldCipher.js';
import { SEALED_FIELDS, sealColumn, staysInClear } from './sealedFields.js';

const BATCH = 500;

/** Each sealed table's key column (the others are keyed by `id`). */
const KEY_COLUMN: Readonly<Record<string, string>> = { BotState: 'key' };

export interface ResealReport {
  /** Values rewritten under the current key, per "Table.column". */
  resealed: Record<string, number>;
  /** Values still under another key or in clear after the pass (0 unless the service wrote meanwhile under an old ring). */
  remaining: number;
}

/**
 * Rewrites every sealed column under the current key: values under older keys, and clear text
 * written before sealing existed. Safe while the service runs: each row is replaced only if it
 * still holds what was read (a row the service rewrote meanwhile is already under the current key).
 * Afterwards the other keys can be removed from DATA_KEYS.
 */
export async function resealAll(pool: pg.Pool, cipher: FieldCipher): Promise<ResealReport> {
  const resealed: Record<string, number> = {};
  for (const [model, columns] of Object.entries(SEALED_FIELDS)) {
    for (const field of Object.keys(columns)) {
      resealed[`${model}.${field}`] = await eachStale(pool, cipher, model, field, async (key, stored) => {
        const fresh = sealColumn(cipher, model, field, cipher.openDeep(structuredClone(stored)));
        const json = columns[field]?.kind === 'json';
        const updated = await pool.query(
          `UPDATE "${model}" SET "${field}" = $2${json ? '::jsonb' : ''} WHERE "${keyColumn(model)}" = $1 AND "${field}" = $3${json ? '::jsonb' : ''}`,
          [key, json ? JSON.stringify(fresh) : fresh, json ? JSON.stringify(stored) : stored],
        );
        return updated.rowCount ?? 0;
      });
    }
  }
  return { resealed, remaining: await countStale(pool, cipher) };
}

/** How many sealed-column values are not sealed under the current key. */
export async function countStale(pool: pg.Pool, cipher: FieldCipher): Promise<number> {
  let stale = 0;
  for (const [model, columns] of Object.entries(SEALED_FIELDS)) {
    for (const field of Object.keys(columns)) stale += await eachStale(pool, cipher, model, field, async () => 1);
  }
  return stale;
}

/** Walks a column in key order, batch by batch, calling `visit` for each value not under the current key; sums what it returns. */
async function eachStale(pool: pg.Pool, cipher: FieldCipher, model: string, field: string, visit: (key: string, stored: unknown) => Promise<number>): Promise<number> {
  const rule = SEALED_FIELDS[model]?.[field];
  const key = keyColumn(model);
  let total = 0;
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ key: string; value: unknown }>(
      `SELECT "${key}" AS key, "${field}" AS value FROM "${model}" WHERE "${key}" > $1 AND "${field}" IS NOT NULL ORDER BY "${key}" LIMIT ${BATCH}`,
      [after],
    );
    for (const row of rows) {
      if (rule && !underKey(row.value, cipher.currentKeyId, rule.kind === 'json' ? rule.keep : undefined)) total += await visit(row.key, row.value);
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return total;
    after = last.key;
  }
}

/** Whether a stored value is sealed under the key: a text whole, a JSON object in every value it does not keep. */
function underKey(stored: unknown, keyId: string, keep: ReadonlySet<string> | undefined): boolean {
  if (typeof stored === 'string') return sealedKeyId(stored) === keyId;
  if (!keep || !isPlainObject(stored)) return false;
  return Object.entries(stored).every(([name, value]) => staysInClear(keep, name, value) || (typeof value === 'string' && sealedKeyId(value) === keyId));
}

function keyColumn(model: string): string {
  return KEY_COLUMN[model] ?? 'id';
}
