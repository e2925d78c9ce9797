import type { ConversationReference } from 'botbuilder';
import type { PrismaClient } from '../data/generated/client.js';
import { type Logger, safeError } from '../logger.js';
import { DeliveryError, type ProactiveMessenger } from '../messaging/proactiveMessenger.js';
import type { AlertDelivery } from './alertDelivery.js';

/**
 * Keeps the alert cards already in staff chats true: once an alert is seen,
 * answered, escalated or closed, every card sent for it is replaced (Teams'
 * updateActivity) by one that says so, and a closed alert's card loses its
 * buttons. Channels that cannot update a message keep the old card; a tap on
 * it is then answered "Den er allerede afsluttet af …" (StaffChat).
 */
export class CardUpdates {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly messenger: ProactiveMessenger,
    private readonly delivery: AlertDelivery,
    private readonly logger: Logger,
  ) {}

  /** Best effort and never throws: the alert's state is already saved; an old card is only a view of it. */
  async refresh(alertId: string): Promise<number> {
    let updated = 0;
    try {
      const sent = await this.prisma.alertEvent.findMany({ where: { alertId, type: 'card.sent' }, orderBy: { at: 'asc' } });
      for (const event of sent) {
        const { identityId, activityId, reason } = event.detail as { identityId: string; activityId: string; reason: 'new' | 'escalated' };
        const identity = await this.prisma.channelIdentity.findUnique({ where: { id: identityId } });
        if (!identity || identity.unreachableSince) continue;
        const card = await this.delivery.staffCard(alertId, reason);
        if (await this.update(identity.conversationReference as Partial<ConversationReference>, { ...card, id: activityId })) updated += 1;
      }
    } catch (error) {
      this.logger.warn({ err: safeError(error) }, 'alert cards not updated');
    }
    return updated;
  }

  private async update(reference: Partial<ConversationReference>, activity: Parameters<ProactiveMessenger['update']>[1]): Promise<boolean> {
    try {
      await this.messenger.update(reference, activity);
      return true;
    } catch (error) {
      // Web chat and the Emulator cannot replace a message; that is expected, not a fault.
      if (!(error instanceof DeliveryError)) throw error;
      this.logger.debug({ kind: error.kind, status: error.statusCode }, 'card update not supported or refused');
      return false;
    }
  }
}
