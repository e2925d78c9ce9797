import { createHmac } from 'node:crypto';
import { MessageFactory } from 'botbuilder';
import type { Activity, ConversationReference } from 'botbuilder';
import { alertCard } from '../../cards/alertCard.js';
import { crisisFactRows } from '../../domain/crisis/staffFacts.js';
import { describeDue } from '../../domain/dueWords.js';
import { alertReference } from '../../domain/staffCommands.js';
import { alertView } from '../../domain/alertView.js';
import { consoleTranslator, resolveLocale, translator } from '../../locales/i18n.js';
import { recordAccessByIds } from '../privacy/accessLog.js';
import type { PrismaClient } from '../data/generated/client.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import { DeliveryError, type ProactiveMessenger } from '../messaging/proactiveMessenger.js';
import { handledBy } from './alertHandlers.js';
import { THREAD_REASON, threadMessage } from './threads.js';
import { toAlertFacts } from './alertInbox.js';
import type { ClaimedMessage, OutboxChannel, OutboxHandler, OutboxItem } from './outbox.js';

/** Sends e-mail; nodemailer in production, a recorder in tests. */
export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** A citizen notification: an i18n key under `notify.` and its parameters, rendered in the citizen's language at send time. */
export interface CitizenNotice {
  alertId?: string;
  notice: 'acknowledged' | 'reply' | 'resolved' | 'escalated' | 'escalatedTeam' | 'escalatedCrisis';
  params: Record<string, string>;
}

/** Who a card is for: the person it was passed on to (backup, or the coordinators), else the own caseworker. */
function cardRecipient(
  alert: { escalationLevel: number; assigneeId: string; citizen: { caseworkerId: string } },
  reason: 'new' | 'escalated',
): { staffId: string | null; role: 'CASEWORKER' | 'COORDINATOR' } {
  if (reason === 'new') return { staffId: alert.citizen.caseworkerId, role: 'CASEWORKER' };
  return alert.escalationLevel >= 2 ? { staffId: null, role: 'COORDINATOR' } : { staffId: alert.assigneeId, role: 'CASEWORKER' };
}

/** HMAC-SHA256 of the exact body, hex, as sent in X-Signature: "sha256=<hex>". */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Renders and sends what the outbox holds: alert cards to staff chats,
 * notices to citizens, e-mail and the case-system webhook.
 */
export class AlertDelivery {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly messenger: ProactiveMessenger,
    private readonly mailer: Mailer | undefined,
    private readonly webhook: WebhookTarget | undefined,
    private readonly now: () => Date = () => new Date(),
    /** The console's public address, for the "Åbn i Ledsager" link on cards; known once the server listens. */
    private readonly consoleUrl: () => string | undefined = () => undefined,
  ) {}

  /** The outbox items to create when an alert is raised or escalated to these staff members. */
  itemsFor(alertId: string, staffIds: string[], reason: 'new' | 'escalated'): OutboxItem[] {
    return [
      ...staffIds.map((staffId) => ({ channel: 'staff-chat' as const, target: staffId, payload: { alertId, reason } })),
      ...(this.webhook ? [{ channel: 'webhook' as const, target: this.webhook.url, payload: { alertId, event: `alert.${reason === 'new' ? 'created' : 'escalated'}` } }] : []),
    ];
  }

  /** E-mail to these staff members, when e-mail is configured (a crisis out of hours). */
  emailItemsFor(alertId: string, staffIds: string[]): OutboxItem[] {
    return this.mailer ? staffIds.map((staffId) => ({ channel: 'email' as const, target: staffId, payload: { alertId } })) : [];
  }

  handlers(): Record<OutboxChannel, OutboxHandler> {
    return {
      'staff-chat': (message) => this.toStaffChat(message),
      'citizen-chat': (message) => this.toCitizenChat(message),
      email: (message) => this.toEmail(message),
      webhook: (message) => this.toWebhook(message),
    };
  }

  /** A chat that cannot be reached falls back to e-mail for staff, and is marked so the caseworker knows. */
  async fallback(message: ClaimedMessage): Promise<OutboxItem[]> {
    if (message.channel !== 'staff-chat' || !this.mailer) return [];
    const staff = await this.prisma.staff.findUnique({ where: { id: message.target } });
    return staff ? [{ channel: 'email', target: staff.id, payload: message.payload }] : [];
  }

  /** Deadlines are told to staff in the organisation's working time zone. */
  private async staffTimeZone(organisationId: string): Promise<string> {
    return (await readOrganisationSettings(this.prisma, organisationId)).businessHours.timeZone;
  }

  private async loadAlert(alertId: string) {
    return this.prisma.alert.findUniqueOrThrow({ where: { id: alertId }, include: { citizen: true, assignee: true } });
  }

  private async reachableIdentity(where: { staffId: string } | { citizenId: string }) {
    const identity = await this.prisma.channelIdentity.findFirst({ where: { ...where, unreachableSince: null }, orderBy: { updatedAt: 'desc' } });
    if (!identity) throw new DeliveryError('unreachable');
    return identity;
  }

  private async sendTo(identity: { id: string; conversationReference: unknown }, activity: Parameters<ProactiveMessenger['send']>[1]) {
    try {
      return await this.messenger.send(identity.conversationReference as Partial<ConversationReference>, activity);
    } catch (error) {
      if (error instanceof DeliveryError && error.kind === 'unreachable') {
        await this.prisma.channelIdentity.update({ where: { id: identity.id }, data: { unreachableSince: this.now() } });
      }
      throw error;
    }
  }

  private async toStaffChat(message: ClaimedMessage): Promise<void> {
    const identity = await this.reachableIdentity({ staffId: message.target });
    const alertId = message.payload.alertId as string;
    if (message.payload.reason === THREAD_REASON) {
      await this.recordCardRead(message, alertId);
      await this.sendTo(identity, await threadMessage(this.prisma, alertId, message.payload.eventId as string));
      return;
    }
    const reason = message.payload.reason === 'escalated' ? 'escalated' : 'new';
    await this.recordCardRead(message, alertId);
    const activityId = await this.sendTo(identity, await this.staffCard(alertId, reason));
    // Kept so the card can be updated when the alert is acted upon (see CardUpdates); ids only, no personal data.
    if (activityId) {
      await this.prisma.alertEvent.create({ data: { alertId, type: 'card.sent', detail: { identityId: identity.id, activityId, reason }, at: this.now() } });
    }
  }

  /**
   * A card or thread message in a staff member's chat shows the citizen's words: a read, for the access log.
   * Written as it goes out, once per message (the first attempt, not each retry), so nothing is added between
   * the send and the outbox marking it done.
   */
  private async recordCardRead(message: ClaimedMessage, alertId: string): Promise<void> {
    if (message.attempts === 1) await recordAccessByIds(this.prisma, message.target, alertId, 'alert-card', this.now());
  }

  /** The alert card as it stands now: who has seen or closed it, and buttons only while it is open. */
  async staffCard(alertId: string, reason: 'new' | 'escalated'): Promise<Partial<Activity>> {
    const alert = await this.loadAlert(alertId);
    const t = translator('da');
    const payload = alert.payload as { facts?: Record<string, unknown> };
    const view = alertView(toAlertFacts(alert), {
      now: this.now(),
      timeZone: await this.staffTimeZone(alert.citizen.organisationId),
      locale: 'da',
      viewer: cardRecipient(alert, reason),
      t: consoleTranslator('da'),
    });
    const status = await this.cardStatus(alert, reason);
    const consoleUrl = this.consoleUrl();
    const card = alertCard({
      view,
      ...(status ? { status, closed: alert.status === 'RESOLVED' } : {}),
      ...(consoleUrl ? { openUrl: `${consoleUrl}${view.citizenPath}` } : {}),
      replyPlaceholder: t('staff.replyPlaceholder', { citizen: view.citizenName }),
      labels: { acknowledge: t('staff.acknowledge'), reply: t('staff.reply'), resolve: t('staff.resolve'), open: consoleTranslator('da')('alert.openInLedsager') },
    });
    const activity = MessageFactory.attachment(card);
    const crisis = crisisFactRows(payload.facts, t, false).map((row) => `${row.title}: ${row.value}`);
    activity.text = [view.title, ...crisis, t('staff.howToAnswer', { ref: view.reference })].join('\n\n');
    return activity;
  }


  /** Seen or closed by whom; or, on the first caseworker's card, to whom it was passed on. */
  private async cardStatus(alert: Awaited<ReturnType<AlertDelivery['loadAlert']>>, reason: 'new' | 'escalated'): Promise<string | undefined> {
    const t = translator('da');
    if (alert.status !== 'OPEN') {
      return t(alert.status === 'RESOLVED' ? 'staff.closedBy' : 'staff.seenBy', { name: await handledBy(this.prisma, alert.id, alert.status) });
    }
    if (reason === 'new' && alert.escalationLevel > 0) {
      return t('staff.passedOn', { name: alert.escalationLevel === 1 ? alert.assignee.name : t('staff.coordinators') });
    }
    return undefined;
  }

  private async toCitizenChat(message: ClaimedMessage): Promise<void> {
    const identity = await this.reachableIdentity({ citizenId: message.target });
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: message.target } });
    const { notice, params } = message.payload as unknown as CitizenNotice;
    await this.sendTo(identity, MessageFactory.text(translator(resolveLocale(citizen.locale))(`notify.${notice}`, params)));
  }

  private async toEmail(message: ClaimedMessage): Promise<void> {
    if (!this.mailer) throw new DeliveryError('refused');
    const staff = await this.prisma.staff.findUniqueOrThrow({ where: { id: message.target } });
    const alert = await this.loadAlert(message.payload.alertId as string);
    const t = translator('da');
    // E-mail is less protected than the chat: no names, no citizen text, only what is needed to act.
    const params = {
      severity: t(`severity.${alert.severity}`),
      kind: t(`alertKind.${alert.kind}`),
      due: describeDue(alert.dueAt, this.now(), await this.staffTimeZone(alert.citizen.organisationId), 'da'),
      ref: alertReference(alert.id),
    };
    try {
      const crisis = crisisFactRows((alert.payload as { facts?: Record<string, unknown> }).facts, t, false).map((row) => `${row.title}: ${row.value}`);
      await this.mailer.send(staff.email, t('staff.emailSubject', params), [t('staff.emailBody', params), ...crisis].join('\n\n'));
    } catch {
      throw new DeliveryError('retryable');
    }
  }

  private async toWebhook(message: ClaimedMessage): Promise<void> {
    if (!this.webhook) throw new DeliveryError('refused');
    const alert = await this.loadAlert(message.payload.alertId as string);
    // The case system gets identifiers and status, never the citizen's words.
    const body = JSON.stringify({
      event: message.payload.event,
      alertId: alert.id,
      citizenId: alert.citizenId,
      kind: alert.kind,
      severity: alert.severity,
      status: alert.status,
      escalationLevel: alert.escalationLevel,
      dueAt: alert.dueAt.toISOString(),
      createdAt: alert.createdAt.toISOString(),
    });
    let response: Response;
    try {
      response = await fetch(this.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': webhookSignature(body, this.webhook.secret) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new DeliveryError('retryable');
    }
    if (response.ok) return;
    if (response.status === 429 || response.status >= 500) throw new DeliveryError('retryable', response.status);
    throw new DeliveryError('refused', response.status);
  }
}
