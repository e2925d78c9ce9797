import type { AlertReceipt, CaseworkerAlerts, RaiseAlert } from '../../dialogs/services.js';
import { onCallFor } from '../../domain/crisis/onCall.js';
import { publicHolidays } from '../../domain/holidays.js';
import { alertRecipientNow, type StaffNow } from '../../domain/alertRecipient.js';
import type { PrismaClient } from '../data/generated/client.js';
import { staffNow } from '../people/staffAvailability.js';
import type { Logger } from '../logger.js';
import { readOrganisationSettings, responseDueUnder } from '../settings/organisationSettings.js';
import type { AlertDelivery } from './alertDelivery.js';
import type { Outbox } from './outbox.js';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Who else was told of a crisis alert: outside business hours, the on-call staff by name. */
export interface OnCallReceipt {
  outOfHours: boolean;
  onCallNames: string[];
}

/**
 * Raises alerts to the citizen's own caseworker (continuity; while they are away, whoever covers) with a due time
 * from the organisation's SLA policy. The alert, its first event and its
 * deliveries are written in one transaction: nothing is raised without being sent.
 * A crisis outside business hours also goes to the organisation's on-call staff, by chat and e-mail.
 */
export class AlertService implements CaseworkerAlerts {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly delivery: AlertDelivery,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async raise(input: RaiseAlert): Promise<AlertReceipt & OnCallReceipt> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: input.citizenId }, include: { caseworker: true } });
    const settings = await readOrganisationSettings(this.prisma, citizen.organisationId);
    const createdAt = this.now();
    // The clock runs from creation whoever receives it: cover changes the person, not the promise to the citizen.
    const dueAt = responseDueUnder(settings, input.severity, createdAt);
    const hours =
      input.severity === 'CRISIS'
        ? onCallFor(createdAt, settings.businessHours, publicHolidays(settings.holidayCountry), settings.onCall)
        : { outOfHours: false, staffIds: [] };
    const { alert, receiver, onCall } = await this.prisma.$transaction(async (tx) => {
      const receiver = await this.receiverOf(tx, citizen, createdAt);
      const onCall = await tx.staff.findMany({
        where: { id: { in: hours.staffIds.filter((id) => !receiver.staffIds.includes(id)) }, organisationId: citizen.organisationId, deactivatedAt: null },
        select: { id: true, name: true },
      });
      const told = [...receiver.staffIds, ...onCall.map((staff) => staff.id)];
      const created = await tx.alert.create({
        data: {
          citizenId: citizen.id,
          kind: input.kind,
          severity: input.severity,
          assigneeId: receiver.assigneeId,
          dueAt,
          createdAt,
          payload: { facts: input.facts ?? {}, ...(input.citizenText ? { citizenText: input.citizenText } : {}) } as object,
          events: { create: { type: 'created', detail: { assigneeId: receiver.assigneeId, to: receiver.recipient.to, recipients: told }, at: createdAt } },
        },
      });
      await this.outbox.enqueue(this.delivery.itemsFor(created.id, told, 'new'), tx);
      // At night a chat may go unread: a crisis is also e-mailed to everyone told.
      if (hours.outOfHours) await this.outbox.enqueue(this.delivery.emailItemsFor(created.id, told), tx);
      return { alert: created, receiver, onCall };
    });
    this.logger.info({ alertId: alert.id, kind: input.kind, severity: input.severity, to: receiver.recipient.to }, 'alert raised');
    void this.outbox.kick();
    const { recipient } = receiver;
    return {
      alertId: alert.id,
      assigneeName: receiver.name,
      dueAt,
      outOfHours: hours.outOfHours,
      onCallNames: onCall.map((staff) => staff.name),
      ...(recipient.to === 'caseworker' ? {} : { cover: { awayName: citizen.caseworker.name, backAt: recipient.backAt, to: recipient.to } }),
    };
  }

  /** Who receives the citizen's alert now (see alertRecipientNow), as an assignee, the people to deliver to and a name. */
  private async receiverOf(tx: Transaction, citizen: { caseworkerId: string; backupCaseworkerId: string | null; organisationId: string; caseworker: { name: string } }, now: Date) {
    const known = await staffNow(tx, [citizen.caseworkerId, citizen.backupCaseworkerId], now);
    const substituteId = known.get(citizen.caseworkerId)?.absence?.substituteId;
    if (substituteId && !known.has(substituteId)) for (const [id, person] of await staffNow(tx, [substituteId], now)) known.set(id, person);
    const caseworker = known.get(citizen.caseworkerId) as StaffNow;
    const recipient = alertRecipientNow(caseworker, citizen.backupCaseworkerId ? known.get(citizen.backupCaseworkerId) : undefined, (id) => known.get(id));
    if (recipient.to !== 'coordinators') {
      const person = await tx.staff.findUniqueOrThrow({ where: { id: recipient.staffId }, select: { name: true } });
      return { recipient, assigneeId: recipient.staffId, staffIds: [recipient.staffId], name: person.name };
    }
    const coordinators = await tx.staff.findMany({ where: { organisationId: citizen.organisationId, role: 'COORDINATOR', deactivatedAt: null }, select: { id: true } });
    // The alert stays the caseworker's case; the coordinators are who see it now.
    const staffIds = coordinators.length > 0 ? coordinators.map((staff) => staff.id) : [citizen.caseworkerId];
    return { recipient, assigneeId: citizen.caseworkerId, staffIds, name: citizen.caseworker.name };
  }
}
