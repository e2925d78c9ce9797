import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/data/database.js';
import { RetentionJob } from '../../../bot/privacy/retentionJob.js';
import { DEFAULT_RETENTION } from '../../../domain/privacy/retention.js';
import { openMigratedDatabase } from '../../support/database.js';
import { seedCaseworker, seedCitizen } from '../../support/privacySeed.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('retention job', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigratedDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('when the clock has moved on, then exactly what has expired is deleted, counts are recorded, and a second run finds nothing', async () => {
    const prisma = db.prisma;
    const caseworker = await seedCaseworker(prisma);
    // Seeded today: nothing of theirs is old, except what is moved back below.
    const kept = await seedCitizen(prisma, caseworker.id, 'kept', now);
    const ended = await seedCitizen(prisma, caseworker.id, 'ended', daysAgo(900));
    await prisma.citizen.update({ where: { id: ended.citizenId }, data: { status: 'ENDED', endedAt: daysAgo(400) } });
    const endedRecently = await seedCitizen(prisma, caseworker.id, 'recent', daysAgo(900));
    await prisma.citizen.update({ where: { id: endedRecently.citizenId }, data: { status: 'ENDED', endedAt: daysAgo(300) } });

    // Chat transcripts: one line 200 days old, one 100.
    const conversation = kept.words.conversationId;
    await prisma.directLineActivity.createMany({ data: [{ id: 'old-line', conversationId: conversation, activity: { text: 'gammel' }, createdAt: daysAgo(200) }, { id: 'new-line', conversationId: conversation, activity: { text: 'ny' }, createdAt: daysAgo(100) }] });
    // Alert texts: the kept citizen's alert resolved 400 days ago loses its words; one resolved 100 days ago keeps them.
    await prisma.alert.update({ where: { id: kept.alertId }, data: { status: 'RESOLVED', resolvedAt: daysAgo(400) } });
    const recentAlert = await prisma.alert.create({ data: { citizenId: kept.citizenId, kind: 'message', severity: 'NORMAL', status: 'RESOLVED', resolvedAt: daysAgo(100), assigneeId: caseworker.id, dueAt: now, payload: { citizenText: 'stadig her' } } });
    // Reminders: over and 200 days old (deleted, with its attempt), over and 100 days old, pending and old (kept: not over).
    const oldReminder = await prisma.reminder.create({ data: { citizenId: kept.citizenId, kind: 'pulse', dueAt: daysAgo(200), status: 'ANSWERED', attemptLog: { create: [{ outcome: 'sent' }] } } });
    await prisma.reminder.create({ data: { citizenId: kept.citizenId, kind: 'pulse', dueAt: daysAgo(100), status: 'SENT' } });
    await prisma.reminder.create({ data: { citizenId: kept.citizenId, kind: 'checkIn', dueAt: daysAgo(200), status: 'PENDING' } });
    // Access log 800 and 700 days old; outbox done 40 days ago and pending 40 days ago; links and attempts two days old.
    await prisma.accessLog.createMany({ data: [{ citizenId: kept.citizenId, role: 'CASEWORKER', category: 'summary', at: daysAgo(800) }, { citizenId: kept.citizenId, role: 'CASEWORKER', category: 'summary', at: daysAgo(700) }] });
    await prisma.outboxMessage.createMany({ data: [{ channel: 'email', target: caseworker.id, payload: {}, status: 'DONE', createdAt: daysAgo(40) }, { channel: 'email', target: caseworker.id, payload: {}, status: 'PENDING', createdAt: daysAgo(40) }] });
    await prisma.dataExportLink.create({ data: { tokenHash: 'old-link', citizenId: kept.citizenId, conversationKey: 'x', expiresAt: daysAgo(2) } });
    await prisma.enrollmentAttempt.create({ data: { conversationKey: 'x', at: daysAgo(2) } });

    const job = new RetentionJob(prisma, DEFAULT_RETENTION, () => now);
    const counts = await job.run();

    expect(counts).toEqual({
      chat: 1 + 0, // the old line; the seeded chat lines are from today
      alertText: 1 + 2, // the alert's own words, and the reply and the thread message on it
      endedCitizen: 1,
      reminder: 1 + 1, // the old answered one, and the recently ended citizen's sent reminder due 900 days ago
      accessLog: 1,
      outbox: 1,
      exportLink: 1,
      enrollmentAttempt: 1,
    });
    expect(await prisma.directLineActivity.findUnique({ where: { id: 'old-line' } })).toBeNull();
    expect(await prisma.directLineActivity.findUnique({ where: { id: 'new-line' } })).not.toBeNull();
    const forgotten = await prisma.alert.findUniqueOrThrow({ where: { id: kept.alertId }, include: { events: true } });
    expect(forgotten.payload).not.toHaveProperty('citizenText');
    expect(forgotten.events.every((event) => !(event.detail as Record<string, unknown>).text)).toBe(true);
    expect((await prisma.alert.findUniqueOrThrow({ where: { id: recentAlert.id } })).payload).toEqual({ citizenText: 'stadig her' });
    expect(await prisma.reminder.findUnique({ where: { id: oldReminder.id } })).toBeNull();
    expect(await prisma.citizen.findUnique({ where: { id: ended.citizenId } })).toBeNull();
    expect(await prisma.citizen.findUnique({ where: { id: endedRecently.citizenId } })).not.toBeNull();
    expect(await prisma.citizenTombstone.count({ where: { cause: 'retention' } })).toBe(1);
    const run = await prisma.retentionRun.findFirstOrThrow();
    expect(run).toMatchObject({ startedAt: now, counts });

    const again = await job.run();
    expect(Object.values(again).every((count) => count === 0)).toBe(true);
    expect(await prisma.retentionRun.count()).toBe(2);
  });
});
