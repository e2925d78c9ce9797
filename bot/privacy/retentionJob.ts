import { type RetentionKind, type RetentionPolicy, retentionCutoffs } from '../../domain/privacy/retention.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { eraseCitizen } from './erasure.js';

/** Rows per statement: short transactions that never hold locks long, whatever the backlog. */
const BATCH = 500;

/** Runs a batched statement until it touches fewer rows than a batch; returns the total. */
async function inBatches(statement: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await statement();
    total += done;
    if (done < BATCH) return total;
  }
}

/**
 * Deletes what has outlived its retention period (domain/privacy/retention.ts), in batches, and records a
 * RetentionRun with counts per kind (never content). Run by the scheduler; safe on several instances at once,
 * since every statement only deletes what is expired and a second run finds nothing.
 */
export class RetentionJob {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: RetentionPolicy,
    private readonly now: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {}

  async run(): Promise<Record<RetentionKind, number>> {
    const startedAt = this.now();
    const cut = retentionCutoffs(this.policy, startedAt);
    const db = this.prisma;
    const counts: Record<RetentionKind, number> = {
      chat: await inBatches(() => db.$executeRaw`DELETE FROM "DirectLineActivity" WHERE seq IN (SELECT seq FROM "DirectLineActivity" WHERE "createdAt" < ${cut.chat} LIMIT ${BATCH})`),
      alertText: await this.forgetAlertTexts(cut.alertText),
      endedCitizen: await this.eraseEnded(cut.endedCitizen, startedAt),
      reminder: await this.deleteOldReminders(cut.reminder),
      accessLog: await inBatches(() => db.$executeRaw`DELETE FROM "AccessLog" WHERE id IN (SELECT id FROM "AccessLog" WHERE at < ${cut.accessLog} LIMIT ${BATCH})`),
      outbox: await inBatches(() => db.$executeRaw`DELETE FROM "OutboxMessage" WHERE id IN (SELECT id FROM "OutboxMessage" WHERE status IN ('DONE', 'FAILED') AND "createdAt" < ${cut.outbox} LIMIT ${BATCH})`),
      exportLink: (await db.dataExportLink.deleteMany({ where: { expiresAt: { lt: cut.exportLink } } })).count,
      enrollmentAttempt: (await db.enrollmentAttempt.deleteMany({ where: { at: { lt: cut.enrollmentAttempt } } })).count,
    };
    await db.retentionRun.create({ data: { startedAt, finishedAt: this.now(), counts } });
    this.logger?.info({ counts }, 'retention run');
    return counts;
  }

  /** The alert stays (for response-time figures); the words on it go: the citizen's text and every event's text. */
  private async forgetAlertTexts(cutoff: Date): Promise<number> {
    const db = this.prisma;
    const events = await inBatches(() => db.$executeRaw`
      UPDATE "AlertEvent" SET detail = detail - 'text' WHERE id IN (
        SELECT e.id FROM "AlertEvent" e JOIN "Alert" a ON a.id = e."alertId"
        WHERE a.status = 'RESOLVED' AND a."resolvedAt" < ${cutoff} AND e.detail->>'text' IS NOT NULL LIMIT ${BATCH})`);
    const alerts = await inBatches(() => db.$executeRaw`
      UPDATE "Alert" SET payload = payload - 'citizenText' WHERE id IN (
        SELECT id FROM "Alert" WHERE status = 'RESOLVED' AND "resolvedAt" < ${cutoff} AND payload->>'citizenText' IS NOT NULL LIMIT ${BATCH})`);
    return events + alerts;
  }

  /** Citizens whose course of support ended long enough ago are erased completely, each leaving a tombstone. */
  private async eraseEnded(cutoff: Date, now: Date): Promise<number> {
    let erased = 0;
    for (;;) {
      const due = await this.prisma.citizen.findMany({ where: { status: 'ENDED', endedAt: { lt: cutoff } }, select: { id: true }, take: BATCH });
      for (const { id } of due) {
        await eraseCitizen(this.prisma, id, 'retention', now);
        erased += 1;
      }
      if (due.length < BATCH) return erased;
    }
  }

  private async deleteOldReminders(cutoff: Date): Promise<number> {
    const db = this.prisma;
    const over = ['SENT', 'ANSWERED', 'CANCELLED', 'FAILED'];
    await inBatches(() => db.$executeRaw`
      DELETE FROM "ReminderAttempt" WHERE id IN (
        SELECT t.id FROM "ReminderAttempt" t JOIN "Reminder" r ON r.id = t."reminderId"
        WHERE r.status::text = ANY(${over}) AND r."dueAt" < ${cutoff} LIMIT ${BATCH})`);
    return inBatches(() => db.$executeRaw`
      DELETE FROM "Reminder" WHERE id IN (SELECT id FROM "Reminder" WHERE status::text = ANY(${over}) AND "dueAt" < ${cutoff} LIMIT ${BATCH})`);
  }
}
