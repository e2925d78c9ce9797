import type { PrismaClient } from '../data/generated/client.js';
import type { Outbox, OutboxItem } from './outbox.js';

/**
 * Alerts that could not reach a staff member's chat (no chat linked yet, or the
 * chat refused) are sent as soon as the person links one. Until then they are
 * in the console's inbox, and in their e-mail when SMTP is configured.
 */
export class UndeliveredAlerts {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
  ) {}

  /** Queues every still-open alert whose card to this staff member failed for good; returns how many. */
  async deliverTo(staffId: string): Promise<number> {
    const messages = await this.prisma.outboxMessage.findMany({
      where: { channel: 'staff-chat', target: staffId },
      orderBy: { createdAt: 'asc' },
      select: { status: true, payload: true },
    });
    // A card delivered or still on its way is not sent twice: any attempt that did not fail wins.
    const byAlert = new Map<string, { status: string; payload: OutboxItem['payload'] }>();
    for (const message of messages) {
      const payload = message.payload as OutboxItem['payload'];
      if (!payload.alertId) continue;
      const known = byAlert.get(payload.alertId);
      if (known && known.status !== 'FAILED') continue;
      byAlert.set(payload.alertId, { status: message.status, payload });
    }
    const failed = [...byAlert.entries()].filter(([, message]) => message.status === 'FAILED');
    if (failed.length === 0) return 0;
    const open = await this.prisma.alert.findMany({
      where: { id: { in: failed.map(([alertId]) => alertId) }, status: { not: 'RESOLVED' } },
      select: { id: true },
    });
    const openIds = new Set(open.map((alert) => alert.id));
    const items: OutboxItem[] = failed
      .filter(([alertId]) => openIds.has(alertId))
      .map(([, message]) => ({ channel: 'staff-chat', target: staffId, payload: message.payload }));
    await this.outbox.enqueue(items);
    if (items.length > 0) void this.outbox.kick();
    return items.length;
  }
}
