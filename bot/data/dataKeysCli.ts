// npm run data:keys -- new [id]    prints a new DATA_KEYS entry (a random 256-bit key)
// npm run data:keys -- reencrypt   rewrites every sealed value under the first key of DATA_KEYS
// Rotation: put the new entry first in DATA_KEYS (keep the old one after it), restart the service,
// run reencrypt, then remove the old entry. Embedded mode: stop the service first (one process only).
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { join } from 'node:path';
import { projectRoot } from '../app.js';
import { openDatabase } from './database.js';
import { dataCipher, newDataKeyEntry } from './dataKeys.js';
import { migrate, readMigrations } from './migrator.js';
import { resealAll } from './reseal.js';

const [command, argument] = process.argv.slice(2);
if (command === 'new') {
  process.stdout.write(`${newDataKeyEntry(argument)}\n`);
} else if (command === 'reencrypt') {
  const config = loadConfig();
  const cipher = await dataCipher(config, createLogger('warn'));
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, cipher });
  try {
    await migrate(db.pool, await readMigrations(join(projectRoot(), 'prisma', 'migrations')));
    const { resealed, remaining } = await resealAll(db.pool, cipher);
    for (const [column, count] of Object.entries(resealed)) if (count > 0) process.stdout.write(`${column}: ${count} re-encrypted\n`);
    process.stdout.write(
      remaining === 0
        ? `Every sealed value is under key "${cipher.currentKeyId}": the other keys can be removed from DATA_KEYS.\n`
        : `${remaining} values are still under another key (written meanwhile by an instance with the old DATA_KEYS?): run again.\n`,
    );
    process.exitCode = remaining === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
} else {
  process.stderr.write('Usage: npm run data:keys -- new [id] | reencrypt\n');
  process.exitCode = 2;
}
