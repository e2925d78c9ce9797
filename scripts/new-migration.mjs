// Writes the next migration: the SQL that takes the schema as of the last
// committed migration to prisma/schema.prisma.
//   npm run db:migration -- add_reminder_notes
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { runPrisma } from './prisma-env.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name in snake_case>');
  process.exit(2);
}

const migrationsDir = 'prisma/migrations';
const existing = existsSync(migrationsDir)
  ? readdirSync(migrationsDir).filter((entry) => /^\d{14}_/.test(entry)).sort()
  : [];

// The schema at the last commit that touched prisma/schema.prisma is what the committed migrations produce.
let from = ['--from-empty'];
if (existing.length > 0) {
  const previous = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' });
  const scratch = join(mkdtempSync(join(tmpdir(), 'ledsager-')), 'schema.prisma');
  writeFileSync(scratch, previous);
  from = ['--from-schema-datamodel', scratch];
}

// The JS schema engine insists on a connection even for a schema-to-schema diff:
// give it a throwaway in-memory PGlite rather than requiring a server.
const scratchDb = new PGlite();
const server = new PGLiteSocketServer({ db: scratchDb, host: '127.0.0.1', port: 0, maxConnections: 4 });
await server.start();
const sql = await runPrisma(
  ['migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { capture: true, databaseUrl: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable` },
);
await server.stop();
await scratchDb.close();
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.error('No schema changes since the last committed migration.');
  process.exit(1);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
if (!existsSync(join(migrationsDir, 'migration_lock.toml'))) {
  writeFileSync(join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
}
console.log(`Wrote ${dir}/migration.sql`);
