import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../bot/data/database.js';
import { ephemeralCipher } from '../../../bot/data/dataKeys.js';

describe('the embedded database\'s data folder', () => {
  it('when the folder is new, or left half made, then it is made whole (in a process of its own) and what is stored survives a reopen', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ledsager-embedded-'));
    // A folder a start cut short could have left: files, but no PG_VERSION.
    await mkdir(join(dataDir, 'pglite'));
    await writeFile(join(dataDir, 'pglite', 'postgresql.conf'), '');
    const cipher = ephemeralCipher();

    const first = await openDatabase({ dataDir, poolSize: 1, cipher });
    await first.pool.query('CREATE TABLE kept (word text); INSERT INTO kept VALUES ($$glasblæser$$)');
    await first.close();
    expect((await readdir(dataDir)).sort()).toEqual(['pglite']);
    expect(await readdir(join(dataDir, 'pglite'))).toContain('PG_VERSION');

    const again = await openDatabase({ dataDir, poolSize: 1, cipher });
    try {
      expect((await again.pool.query('SELECT word FROM kept')).rows).toEqual([{ word: 'glasblæser' }]);
    } finally {
      await again.close();
    }
  });
});

describe('the embedded database\'s thread', () => {
  it('when a statement runs long, then the service\'s own thread goes on meanwhile', async () => {
    const db = await openDatabase({ poolSize: 1, cipher: ephemeralCipher() });
    try {
      let turnsOfTheLoop = 0;
      let running = true;
      const spin = () => {
        turnsOfTheLoop += 1;
        if (running) setImmediate(spin);
      };
      setImmediate(spin);
      // Seconds of work for PostgreSQL in WebAssembly; in this thread the loop would stand still meanwhile.
      const counted = await db.pool.query('SELECT count(*)::int AS n FROM generate_series(1, 2000000)');
      running = false;
      expect(counted.rows).toEqual([{ n: 2_000_000 }]);
      expect(turnsOfTheLoop).toBeGreaterThan(1_000);
    } finally {
      await db.close();
    }
    // Closing twice (a second shutdown signal) is no error.
    await db.close();
  });

  it('when it cannot start (a data folder of another PostgreSQL version), then opening fails and says so', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ledsager-embedded-'));
    await mkdir(join(dataDir, 'pglite'));
    await writeFile(join(dataDir, 'pglite', 'PG_VERSION'), '9\n');
    await expect(openDatabase({ dataDir, poolSize: 1, cipher: ephemeralCipher() })).rejects.toThrow(/embedded database did not start/);
  });
});
