import { nextEscalation } from '../../domain/escalation.js';
import type { Severity } from '../../domain/sla.js';
import type { PrismaClient } from '../data/generated/client.js';
import { staffNow } from '../people/staffAvailability.js';
import type { Logger } from '../logger.js';
import { readOrganisationSettings, responseDueUnder } from '../settings/organisationSettings.js';
import type { AlertDelivery } from './alertDelivery.js';
import type { Outbox } from './outbox.js';

/**
 * On each tick: every open alert past its due time goes to the next person
 * (backup caseworker, then all coordinators) with a fresh due time, and the
 * citizen hears, honestly and calmly, that a colleague has been asked.
 */
export class EscalationWatchdog {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly delivery: AlertDelivery,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    /** Told after each escalation, e.g. to update the cards already in staff chats. */
    private readonly onChanged: (alertId: string) => Promise<unknown> = async () => undefined,
  ) {}

  async tick(): Promise<number> {
    const now = this.now();
    // Locked and updated in one transaction, so two instances never escalate the same alert twice.
    const escalated = await this.prisma.$transaction(async (tx) => {
      const overdue = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "Alert" WHERE status = 'OPEN' AND "dueAt" <= ${now} AND "escalationLevel" < 2
        ORDER BY "dueAt" LIMIT 100 FOR UPDATE SKIP LOCKED`;
      const escalatedIds: string[] = [];
      for (const { id } of overdue) {
        const alert = await tx.alert.findUniqueOrThrow({ where: { id }, include: { citizen: { include: { caseworker: true, backupCaseworker: true } } } });
        // A backup who is away or gone cannot take it: straight to the coordinators.
        const backup = (await staffNow(tx, [alert.citizen.backupCaseworkerId], now)).get(alert.citizen.backupCaseworkerId ?? '');
        const backupHere = backup !== undefined && backup.active && backup.absence === null && backup.id !== alert.assigneeId;
        const step = nextEscalation(alert.escalationLevel, backupHere);
        if (!step) continue;
        const settings = await readOrganisationSettings(tx, alert.citizen.organisationId);
        const dueAt = responseDueUnder(settings, alert.severity as Severity, now);
        const coordinators =
          step.target === 'coordinators'
            ? await tx.staff.findMany({ where: { organisationId: alert.citizen.organisationId, role: 'COORDINATOR', deactivatedAt: null }, select: { id: true } })
            : [];
        const recipients = step.target === 'backup' ? [alert.citizen.backupCaseworkerId as string] : coordinators.map((staff) => staff.id);
        await tx.alert.update({
          where: { id },
          data: {
            escalationLevel: step.level,
            dueAt,
            ...(step.target === 'backup' ? { assigneeId: alert.citizen.backupCaseworkerId as string } : {}),
          },
        });
        await tx.alertEvent.create({ data: { alertId: id, type: 'escalated', detail: { to: step.target, recipients, dueAt: dueAt.toISOString() }, at: now } });
        const notice =
          step.target === 'backup'
            ? { alertId: id, notice: 'escalated', params: { name: alert.citizen.caseworker.name, colleague: alert.citizen.backupCaseworker?.name ?? '' } }
            : { alertId: id, notice: 'escalatedTeam', params: {} };
        // In a crisis the citizen also hears, again, that 112 is the way while they wait.
        const crisisNotice = alert.severity === 'CRISIS' ? [{ channel: 'citizen-chat' as const, target: alert.citizenId, payload: { alertId: id, notice: 'escalatedCrisis', params: {} } }] : [];
        await this.outbox.enqueue(
          [...this.delivery.itemsFor(id, recipients, 'escalated'), { channel: 'citizen-chat', target: alert.citizenId, payload: notice }, ...crisisNotice],
          tx,
        );
        escalatedIds.push(id);
      }
      return escalatedIds;
    });
    if (escalated.length > 0) {
      this.logger.info({ escalated: escalated.length }, 'alerts escalated');
      void this.outbox.kick();
      for (const id of escalated) void this.onChanged(id);
    }
    return escalated.length;
  }
}
