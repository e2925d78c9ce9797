import type { AlertReceipt, CaseworkerAlerts, RaiseAlert } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { readOrganisationSettings, responseDueUnder } from '../settings/organisationSettings.js';
import type { AlertDelivery } from './alertDelivery.js';
import type { Outbox } from './outbox.js';

/**
 * Raises alerts to the citizen's own caseworker (continuity) with a due time
 * from the organisation's SLA policy. The alert, its first event and its
 * deliveries are written in one transaction: nothing is raised without being sent.
 */
export class AlertService implements CaseworkerAlerts {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly delivery: AlertDelivery,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async raise(input: RaiseAlert): Promise<AlertReceipt> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: input.citizenId }, include: { caseworker: true } });
    const settings = await readOrganisationSettings(this.prisma, citizen.organisationId);
    const createdAt = this.now();
    const dueAt = responseDueUnder(settings, input.severity, createdAt);
    const alert = await this.prisma.$transaction(async (tx) => {
      const created = await tx.alert.create({
        data: {
          citizenId: citizen.id,
          kind: input.kind,
          severity: input.severity,
          assigneeId: citizen.caseworkerId,
          dueAt,
          createdAt,
          payload: { facts: input.facts ?? {}, ...(input.citizenText ? { citizenText: input.citizenText } : {}) } as object,
          events: { create: { type: 'created', detail: { assigneeId: citizen.caseworkerId }, at: createdAt } },
        },
      });
      await this.outbox.enqueue(this.delivery.itemsFor(created.id, [citizen.caseworkerId], 'new'), tx);
      return created;
    });
    this.logger.info({ alertId: alert.id, kind: input.kind, severity: input.severity }, 'alert raised');
    void this.outbox.kick();
    return { alertId: alert.id, assigneeName: citizen.caseworker.name, dueAt };
  }
}
