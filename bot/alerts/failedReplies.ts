import type { ConversationReference } from 'botbuilder';
import { translator } from '../../locales/i18n.js';
import type { PrismaClient } from '../data/generated/client.js';
import { type Logger, safeError } from '../logger.js';
import type { ProactiveMessenger } from '../messaging/proactiveMessenger.js';
import type { ClaimedMessage } from './outbox.js';

/**
 * A caseworker's reply that cannot reach the citizen's chat for good (the chat
 * answers 403 or 404: the app was removed or the bot blocked) must not fail
 * silently: the outbox records `delivery.failed` on the alert, and the one who
 * replied is told in their own chat, so they can reach the citizen another way.
 */
export class FailedReplies {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly messenger: ProactiveMessenger,
    private readonly logger: Logger,
  ) {}

  /** Outbox final-failure hook: acts on replies to citizens, ignores everything else. */
  async report(message: ClaimedMessage): Promise<void> {
    const alertId = message.payload.alertId;
    if (message.channel !== 'citizen-chat' || message.payload.notice !== 'reply' || typeof alertId !== 'string') return;
    const alert = await this.prisma.alert.findUnique({ where: { id: alertId }, include: { citizen: true } });
    if (!alert) return;
    // The one who replied; a reply through the bootstrap token has no person behind it, so the alert's assignee.
    const replied = await this.prisma.alertEvent.findFirst({ where: { alertId, type: 'replied' }, orderBy: { at: 'desc' } });
    const staffId = replied?.actorStaffId ?? alert.assigneeId;
    const chat = await this.prisma.channelIdentity.findFirst({ where: { staffId, unreachableSince: null }, orderBy: { updatedAt: 'desc' } });
    if (!chat) return;
    try {
      const text = translator('da')('delivery.replyUndelivered', { citizen: alert.citizen.displayName });
      await this.messenger.send(chat.conversationReference as Partial<ConversationReference>, { type: 'message', text });
    } catch (error) {
      // The alert's history still says delivery.failed; the console and the API show it.
      this.logger.warn({ err: safeError(error) }, 'could not tell the caseworker that a reply failed');
    }
  }
}
