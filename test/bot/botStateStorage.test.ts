import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotStateStorage } from '../../bot/data/botStateStorage.js';
import type { Database } from '../../bot/data/database.js';
import { openMigratedDatabase } from '../support/database.js';
import { createScratchDatabase, skipWithoutPostgres } from '../support/postgres.js';

function storageContract(label: string, open: () => Promise<{ db: Database; cleanup(): Promise<void> }>) {
  describe(`BotStateStorage on ${label}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    let storage: BotStateStorage;
    beforeAll(async () => {
      ({ db, cleanup } = await open());
      storage = new BotStateStorage(db.pool, db.cipher);
    });
    afterAll(async () => {
      await db.close();
      await cleanup();
    });

    it('when an item is written and read, then it comes back with an eTag', async () => {
      await storage.write({ a: { step: 2, answers: [1, 2] } });
      const items = await storage.read(['a', 'missing']);
      expect(items.a).toMatchObject({ step: 2, answers: [1, 2] });
      expect(typeof items.a?.eTag).toBe('string');
      expect(items.missing).toBeUndefined();
    });

    it('when written with the current eTag, then it succeeds and the eTag changes', async () => {
      await storage.write({ b: { n: 1 } });
      const first = (await storage.read(['b'])).b;
      await storage.write({ b: { ...first, n: 2 } });
      const second = (await storage.read(['b'])).b;
      expect(second?.n).toBe(2);
      expect(second?.eTag).not.toBe(first?.eTag);
    });

    it('when written with a stale eTag, then it fails and the stored item is unchanged', async () => {
      await storage.write({ c: { n: 1 } });
      const stale = (await storage.read(['c'])).c;
      await storage.write({ c: { ...stale, n: 2 } });
      await expect(storage.write({ c: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['c'])).c?.n).toBe(2);
    });

    it('when written with eTag *, then it overwrites whatever is stored', async () => {
      await storage.write({ d: { n: 1 } });
      await storage.write({ d: { n: 5, eTag: '*' } });
      expect((await storage.read(['d'])).d?.n).toBe(5);
    });

    it('when nothing is stored yet, then a write with any eTag creates the item', async () => {
      await storage.write({ e: { n: 1, eTag: 'from-elsewhere' } });
      expect((await storage.read(['e'])).e?.n).toBe(1);
    });

    it('when deleted, then it is gone', async () => {
      await storage.write({ f: { n: 1 } });
      await storage.delete(['f']);
      expect(await storage.read(['f'])).toEqual({});
    });

    it('when two writers race with the same eTag, then exactly one wins', async () => {
      await storage.write({ g: { n: 0 } });
      const base = (await storage.read(['g'])).g;
      const other = new BotStateStorage(db.pool, db.cipher);
      const results = await Promise.allSettled([
        storage.write({ g: { ...base, n: 1 } }),
        other.write({ g: { ...base, n: 2 } }),
      ]);
      const fulfilled = results.filter((result) => result.status === 'fulfilled');
      expect(fulfilled).toHaveLength(1);
      const winner = results[0]?.status === 'fulfilled' ? 1 : 2;
      expect((await storage.read(['g'])).g?.n).toBe(winner);
    });
  });
}

storageContract('PGlite', async () => ({ db: await openMigratedDatabase(), cleanup: async () => {} }));

describe.skipIf(skipWithoutPostgres)('on PostgreSQL', () => {
  storageContract('PostgreSQL', async () => {
    const scratch = await createScratchDatabase();
    return { db: await openMigratedDatabase(scratch.url), cleanup: scratch.drop };
  });
});
