import { chatTraces, conversationIdOf } from '../../domain/privacy/erasurePlan.js';
import type { Prisma, PrismaClient } from '../data/generated/client.js';

export type ErasureCause = 'request' | 'retention';

/**
 * Erases a citizen's personal data everywhere it lives (GDPR Art. 17), in one transaction, and leaves a tombstone
 * with no personal data: a new id, the day they enrolled, when and why they were erased, and row counts.
 * Rows about staff actions (audit, access log) are kept for accountability but pointed at the tombstone, so they
 * no longer lead to a person. Returns the tombstone's id.
 */
export async function eraseCitizen(prisma: PrismaClient, citizenId: string, cause: ErasureCause, now: Date): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const citizen = await tx.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    const identities = await tx.channelIdentity.findMany({ where: { citizenId } });
    const traces = chatTraces(identities.map((identity) => ({ channelId: identity.channelId, userId: identity.userId, conversationId: conversationIdOf(identity.conversationReference) })));
    const alertIds = (await tx.alert.findMany({ where: { citizenId }, select: { id: true } })).map((alert) => alert.id);
    const reminderIds = (await tx.reminder.findMany({ where: { citizenId }, select: { id: true } })).map((reminder) => reminder.id);
    const goalIds = (await tx.goal.findMany({ where: { citizenId }, select: { id: true } })).map((goal) => goal.id);
    const checkInIds = (await tx.checkIn.findMany({ where: { citizenId }, select: { id: true } })).map((checkIn) => checkIn.id);
    const tombstone = await tx.citizenTombstone.create({ data: { cause, enrolledOn: citizen.createdAt, erasedAt: now } });

    const counts: Record<string, number> = {};
    const count = (table: string, result: { count: number } | number) => {
      counts[table] = (counts[table] ?? 0) + (typeof result === 'number' ? result : result.count);
    };
    const referencing = [citizenId, ...alertIds, ...reminderIds];
    count('OutboxMessage', await tx.$executeRaw`DELETE FROM "OutboxMessage" WHERE target = ${citizenId} OR payload->>'alertId' = ANY(${alertIds}) OR payload->>'citizenId' = ${citizenId} OR payload->>'reminderId' = ANY(${reminderIds})`);
    count('AlertEvent', await tx.alertEvent.deleteMany({ where: { alertId: { in: alertIds } } }));
    count('Alert', await tx.alert.deleteMany({ where: { citizenId } }));
    count('ReminderAttempt', await tx.reminderAttempt.deleteMany({ where: { reminderId: { in: reminderIds } } }));
    count('Reminder', await tx.reminder.deleteMany({ where: { citizenId } }));
    count('SubGoal', await tx.subGoal.deleteMany({ where: { goalId: { in: goalIds } } }));
    count('Goal', await tx.goal.deleteMany({ where: { citizenId } }));
    count('Barrier', await tx.barrier.deleteMany({ where: { citizenId } }));
    count('CheckInAnswer', await tx.checkInAnswer.deleteMany({ where: { checkInId: { in: checkInIds } } }));
    count('CheckIn', await tx.checkIn.deleteMany({ where: { citizenId } }));
    count('HoursReport', await tx.hoursReport.deleteMany({ where: { citizenId } }));
    count('Assessment', await tx.assessment.deleteMany({ where: { citizenId } }));
    count('ConsentRecord', await tx.consentRecord.deleteMany({ where: { citizenId } }));
    count('EnrollmentCode', await tx.enrollmentCode.deleteMany({ where: { citizenId } }));
    count('EnrollmentAttempt', await tx.enrollmentAttempt.deleteMany({ where: { conversationKey: { in: traces.conversationKeys } } }));
    count('DataExportLink', await tx.dataExportLink.deleteMany({ where: { citizenId } }));
    count('DirectLineActivity', await tx.directLineActivity.deleteMany({ where: { conversationId: { in: traces.directLineConversationIds } } }));
    count('DirectLineConversation', await tx.directLineConversation.deleteMany({ where: { id: { in: traces.directLineConversationIds } } }));
    count('BotState', await tx.botState.deleteMany({ where: { key: { in: traces.botStateKeys } } }));
    count('ChannelIdentity', await tx.channelIdentity.deleteMany({ where: { citizenId } }));
    count('RateLimit', await deleteRateLimits(tx, traces.needles));
    // Accountability stays, the person goes: staff reads and actions now point at the tombstone.
    count('AccessLog', await tx.accessLog.updateMany({ where: { citizenId }, data: { citizenId: tombstone.id, reason: null } }));
    count('AuditLog', await tx.auditLog.updateMany({ where: { entityId: { in: referencing } }, data: { entityId: tombstone.id, detail: {} } }));
    count('DataRequest', await tx.dataRequest.updateMany({ where: { citizenId }, data: { citizenId: null, tombstoneId: tombstone.id } }));
    await tx.citizen.delete({ where: { id: citizenId } });
    count('Citizen', 1);
    await tx.citizenTombstone.update({ where: { id: tombstone.id }, data: { counts } });
    return tombstone.id;
  });
}

/** Rate-limit counters (a table of its own layout, present once hardening created it) may be keyed by user or conversation. */
async function deleteRateLimits(tx: Prisma.TransactionClient, needles: string[]): Promise<number> {
  if (needles.length === 0) return 0;
  const [exists] = await tx.$queryRaw<Array<{ present: boolean }>>`SELECT to_regclass('"RateLimit"') IS NOT NULL AS present`;
  if (!exists?.present) return 0;
  const patterns = needles.map((needle) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return tx.$executeRaw`DELETE FROM "RateLimit" WHERE key LIKE ANY(${patterns})`;
}
