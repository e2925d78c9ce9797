import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/data/database.js';
import { FieldCipher, SealedValueError } from '../../../bot/data/fieldCipher.js';
import { countStale, resealAll } from '../../../bot/data/reseal.js';
import { openMigratedDatabase } from '../../support/database.js';
import { createScratchDatabase, skipWithoutPostgres } from '../../support/postgres.js';
import { rowsContaining, rowsContainingInClear, seedCaseworker, seedCitizen } from '../../support/privacySeed.js';

const oldKey = { id: 'old', key: randomBytes(32) };
const newKey = { id: 'new', key: randomBytes(32) };

/** Seeds under the old key (plus rows written in clear before sealing existed), rotates, and checks what the database holds. */
async function rotationReencryptsEverything(db: Database): Promise<void> {
  const caseworker = await seedCaseworker(db.prisma);
  const { citizenId, words } = await seedCitizen(db.prisma, caseworker.id, 'rotate');
  await db.pool.query(`INSERT INTO "Goal" (id, "citizenId", text, "updatedAt") VALUES ('legacy-goal', $1, 'Gammel klartekst Vrimlestok', now())`, [citizenId]);
  await db.pool.query(`INSERT INTO "BotState" (key, data, "eTag", "updatedAt") VALUES ('legacy-state', '{"dialogState": {"text": "Gammel Vrimlestok tilstand"}}', '1', now())`);
  // A ciphertext copied into a field kept in clear is stored sealed again; it must rotate too.
  await db.prisma.directLineActivity.create({ data: { id: 'copied', conversationId: words.conversationId, activity: { type: new FieldCipher([oldKey]).sealText('kopieret') } } });
  const needles = [words.goal, words.step, words.other, words.help, words.alert, words.reply, words.thread, words.note, 'Vrimlestok'];
  expect(Object.keys(await rowsContainingInClear(db.pool, ['Vrimlestok'])).sort()).toEqual(['BotState: Vrimlestok', 'Goal: Vrimlestok']);

  const rotated = new FieldCipher([newKey, oldKey]);
  expect(await countStale(db.pool, rotated)).toBeGreaterThan(10);
  const { resealed, remaining } = await resealAll(db.pool, rotated);
  expect(remaining).toBe(0);
  expect(resealed['Goal.text']).toBe(2);
  expect(resealed['BotState.data']).toBe(2);

  // Nothing left under the old key or in clear; the new key alone opens everything.
  expect(await rowsContainingInClear(db.pool, ['enc:v1:old:', 'encj:v1:old:', ...needles])).toEqual({});
  const opened = await rowsContaining({ pool: db.pool, cipher: new FieldCipher([newKey]) }, needles);
  expect(Object.keys(opened)).toEqual(expect.arrayContaining(['Goal: Vrimlestok', 'BotState: Vrimlestok', `Goal: ${words.goal}`, `SubGoal: ${words.step}`, `Alert: ${words.alert}`, `AlertEvent: ${words.reply}`, `OutboxMessage: ${words.reply}`, `Assessment: ${words.note}`, `Barrier: ${words.help}`, `DirectLineActivity: ${words.alert}`]));
  await expect(rowsContaining({ pool: db.pool, cipher: new FieldCipher([oldKey]) }, needles)).rejects.toThrow(SealedValueError);
  // A second run has nothing to do.
  expect(Object.values((await resealAll(db.pool, rotated)).resealed).every((count) => count === 0)).toBe(true);
}

describe('key rotation', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigratedDatabase(undefined, new FieldCipher([oldKey]));
  });
  afterAll(async () => {
    await db.close();
  });

  it('when a new key is put first and everything is re-encrypted, then no value is under the old key or in clear, and the new key alone opens all of it', async () => {
    await rotationReencryptsEverything(db);
  });
});

describe.skipIf(skipWithoutPostgres)('key rotation on PostgreSQL', () => {
  it('when the same rotation runs on a PostgreSQL server, then the same holds', async () => {
    const scratch = await createScratchDatabase();
    const db = await openMigratedDatabase(scratch.url, new FieldCipher([oldKey]));
    try {
      await rotationReencryptsEverything(db);
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});
