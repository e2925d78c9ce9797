import { join } from 'node:path';
import { projectRoot } from '../../bot/app.js';
import { type Database, openDatabase } from '../../bot/data/database.js';
import { ephemeralCipher } from '../../bot/data/dataKeys.js';
import type { FieldCipher } from '../../bot/data/fieldCipher.js';
import { migrate, readMigrations } from '../../bot/data/migrator.js';

/** A migrated database: in-memory PGlite, or the given PostgreSQL URL. */
export async function openMigratedDatabase(url?: string, cipher: FieldCipher = ephemeralCipher()): Promise<Database> {
  const db = await openDatabase({ url, dataDir: undefined, poolSize: 5, cipher });
  await migrate(db.pool, await readMigrations(join(projectRoot(), 'prisma', 'migrations')));
  return db;
}
