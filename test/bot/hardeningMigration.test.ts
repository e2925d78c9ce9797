import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import { projectRoot } from '../../bot/app.js';
import { type Database, openDatabase } from '../../bot/data/database.js';
import { ephemeralCipher } from '../../bot/data/dataKeys.js';
import { migrate, readMigrations } from '../../bot/data/migrator.js';

describe('the hardening migration', () => {
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
  });

  it('when reminders were planned twice before it, then it keeps the earliest pending of each kind and step, cancels the rest, and spares ad-hoc ones', async () => {
    db = await openDatabase({ url: undefined, dataDir: undefined, poolSize: 2, cipher: ephemeralCipher() });
    const migrations = await readMigrations(join(projectRoot(), 'prisma', 'migrations'));
    const hardening = migrations.findIndex((migration) => migration.name.endsWith('_hardening'));
    await migrate(db.pool, migrations.slice(0, hardening));
    // Plain SQL: the generated client knows columns that later migrations add.
    const { pool, prisma } = db;
    const insert = async (sql: string, values: unknown[]) => (await pool.query<{ id: string }>(`${sql} RETURNING id`, values)).rows[0]!.id;
    const staffId = await insert(`INSERT INTO "Staff" (id, "organisationId", name, email, role) VALUES (gen_random_uuid()::text, $1, 'M', 'm@x.dk', 'CASEWORKER')`, [DEFAULT_ORGANISATION_ID]);
    const citizenId = await insert(`INSERT INTO "Citizen" (id, "organisationId", "displayName", "caseworkerId") VALUES (gen_random_uuid()::text, $1, 'A', $2)`, [DEFAULT_ORGANISATION_ID, staffId]);
    const planned = (kind: string, day: number, payload: object = {}, status = 'PENDING') =>
      insert(`INSERT INTO "Reminder" (id, "citizenId", kind, "dueAt", payload, status) VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5::"ReminderStatus")`, [
        citizenId,
        kind,
        `2026-12-0${day}T09:00:00Z`,
        payload,
        status,
      ]);
    const earliest = await planned('checkIn', 1);
    const later = await planned('checkIn', 2);
    const claimedDuplicate = await planned('checkIn', 3, {}, 'CLAIMED');
    const adHoc = await planned('checkIn', 4, { adHoc: true });
    const sent = await planned('checkIn', 1, {}, 'SENT');
    const pulse = await planned('pulse', 5);
    const step = await planned('step', 1, { stepId: 's1' });
    const stepAgain = await planned('step', 2, { stepId: 's1' });

    await migrate(db.pool, migrations);
    const status = async (id: string) => (await prisma.reminder.findUniqueOrThrow({ where: { id } })).status;
    expect(await Promise.all([earliest, later, claimedDuplicate, adHoc, sent, pulse, step, stepAgain].map(status))).toEqual([
      'PENDING',
      'CANCELLED',
      'CANCELLED',
      'PENDING',
      'SENT',
      'PENDING',
      'PENDING',
      'CANCELLED',
    ]);
    // And from now on the database itself refuses a second pending check-in.
    await expect(planned('checkIn', 6)).rejects.toThrow();
  });
});
