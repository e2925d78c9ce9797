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
