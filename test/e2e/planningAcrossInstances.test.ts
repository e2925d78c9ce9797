import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp } from '../support/app.js';
import { agreeAll, seedReachableCitizens } from '../support/citizens.js';
import { createScratchDatabase, skipWithoutPostgres } from '../support/postgres.js';
import { StandInChannel } from '../support/standInChannel.js';

const CITIZENS = 1000;
const NO_QUIET_HOURS = { reminders: { checkInCadence: 'P6W', pulseCadence: 'P1W', quietHours: null, timeZone: 'Europe/Copenhagen', nonResponseThreshold: 3 } };

/** Pending reminders per citizen and kind, as counts of how many citizens have 0, 1, 2… of them. */
async function pendingPerCitizen(app: RunningApp, kind: string): Promise<Record<number, number>> {
  const { rows } = await app.db.pool.query<{ n: number; citizens: number }>(
    `SELECT n, count(*)::int AS citizens FROM (
       SELECT c.id, count(r.id)::int AS n FROM "Citizen" c
       LEFT JOIN "Reminder" r ON r."citizenId" = c.id AND r.kind = $1 AND r.status IN ('PENDING', 'CLAIMED')
       GROUP BY c.id) per GROUP BY n`,
    [kind],
  );
  return Object.fromEntries(rows.map((row) => [row.n, row.citizens]));
}

describe.skipIf(skipWithoutPostgres)('planning across three instances on one PostgreSQL', () => {
  it('when three instances tick every second over 1,000 citizens, then each has exactly 1 pending check-in and 1 pulse, and gets exactly 2 messages when they fall due', async () => {
    const scratch = await createScratchDatabase();
    const channel = new StandInChannel();
    await channel.start();
    const env = { DATABASE_URL: scratch.url, SCHEDULER_CRON: '* * * * * *', REMINDER_SENDS_PER_SECOND: '50' };
    const apps = await Promise.all([startTestApp(env), startTestApp(env), startTestApp(env)]);
    const first = apps[0];
    try {
      const { prisma } = first.db;
      await prisma.organisation.update({ where: { id: DEFAULT_ORGANISATION_ID }, data: { settings: NO_QUIET_HOURS } });
      const ids = await seedReachableCitizens(prisma, channel.serviceUrl, CITIZENS);
      // Consent last: from this moment every instance's tick races to plan the same 2,000 reminders.
      await agreeAll(prisma, ids);

      await vi.waitFor(async () => expect(await prisma.reminder.count({ where: { status: 'PENDING' } })).toBe(2 * CITIZENS), { timeout: 60_000, interval: 500 });
      expect(await pendingPerCitizen(first, 'checkIn')).toEqual({ 1: CITIZENS });
      expect(await pendingPerCitizen(first, 'pulse')).toEqual({ 1: CITIZENS });

      await prisma.reminder.updateMany({ where: { status: 'PENDING' }, data: { dueAt: new Date(Date.now() - 1000) } });
      await channel.waitUntil(() => channel.received.length >= 2 * CITIZENS, 120_000);
      await vi.waitFor(async () => expect(await prisma.reminder.count({ where: { status: 'SENT' } })).toBe(2 * CITIZENS), { timeout: 20_000, interval: 500 });

      const perConversation = new Map<string, number>();
      for (const activity of channel.received) perConversation.set(activity.conversationId, (perConversation.get(activity.conversationId) ?? 0) + 1);
      expect(perConversation.size).toBe(CITIZENS);
      expect([...perConversation.values()].every((count) => count === 2)).toBe(true);
      // Each delivery planned its successor in the same transaction: again exactly one of each kind.
      expect(await pendingPerCitizen(first, 'checkIn')).toEqual({ 1: CITIZENS });
      expect(await pendingPerCitizen(first, 'pulse')).toEqual({ 1: CITIZENS });
      expect(await prisma.reminderAttempt.count()).toBe(2 * CITIZENS);
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
      await channel.stop();
      await scratch.drop();
    }
  }, 240_000);
});
