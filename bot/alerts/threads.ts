import { MessageFactory, type Activity } from 'botbuilder';
import { canActOnCitizen, type Principal } from '../../domain/access.js';
import { alertReference } from '../../domain/staffCommands.js';
import { isThreadOpen, THREAD_EVENT_TYPES } from '../../domain/threads.js';
import type { CitizenThreads, OpenThread } from '../../dialogs/services.js';
import { translator } from '../../locales/i18n.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';
import type { AlertActions } from './alertActions.js';
import type { Outbox } from './outbox.js';

/** The outbox reason for a citizen's message inside a thread, rendered by `threadMessage`. */
export const THREAD_REASON = 'thread';

export interface StaffMessage {
  principal: Principal;
  citizenId: string;
  text: string;
  /** The alert the message answers; without it, a new conversation (an alert of kind "conversation") is started. */
  alertId?: string;
}

/**
 * Conversations between a caseworker and a citizen, kept on an alert: the
 * caseworker's messages are `replied` events, the citizen's answers
 * `citizenMessage` events, so the caseworker sees one conversation per alert.
 */
export class ConversationThreads implements CitizenThreads {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly actions: AlertActions,
    /** How long a thread stays open without a message (THREAD_QUIET_HOURS). */
    private readonly quietMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The one way staff write to a citizen (chat card, `svar` command, console).
   * Sends `text` to the citizen's chat with the sender's name, records it on the
   * alert (`alertId`, or a new "conversation" alert when none is given), and
   * opens or continues the thread, so the citizen's next messages reach the
   * same alert. Authorised like every alert action: own caseload, or escalated
   * to the sender; coordinators on all. Throws AppError NOT_FOUND / FORBIDDEN /
   * BAD_REQUEST (resolved alert).
   */
  async sendStaffMessage(message: StaffMessage): Promise<{ alertId: string; citizenName: string; delivery: 'pending' | 'undeliverable' }> {
    const alertId = message.alertId ?? (await this.startConversation(message.principal, message.citizenId));
    return { alertId, ...(await this.actions.reply(alertId, message.principal, message.text)) };
  }

  async open(citizenId: string): Promise<OpenThread | undefined> {
    const replied = await this.prisma.alertEvent.findFirst({
      where: { type: 'replied', alert: { citizenId, status: { not: 'RESOLVED' } } },
      orderBy: { at: 'desc' },
      select: { alertId: true },
    });
    if (!replied) return undefined;
    const events = await this.prisma.alertEvent.findMany({
      where: { alertId: replied.alertId, type: { in: [...THREAD_EVENT_TYPES] } },
      select: { type: true, at: true, actorStaffId: true },
    });
    if (!isThreadOpen(events, this.now(), this.quietMs)) return undefined;
    const lastWriter = events.filter((event) => event.type === 'replied').sort((a, b) => b.at.getTime() - a.at.getTime())[0]?.actorStaffId;
    const staff = lastWriter ? await this.prisma.staff.findUnique({ where: { id: lastWriter }, select: { name: true } }) : null;
    return { alertId: replied.alertId, staffName: staff?.name ?? 'Jobcentret' };
  }

  async say(citizenId: string, alertId: string, text: string): Promise<void> {
    const alert = await this.prisma.alert.findFirst({ where: { id: alertId, citizenId } });
    if (!alert) throw new AppError('NOT_FOUND');
    const lastWriter = await this.prisma.alertEvent.findFirst({ where: { alertId, type: 'replied' }, orderBy: { at: 'desc' }, select: { actorStaffId: true } });
    const to = lastWriter?.actorStaffId ?? alert.assigneeId;
    await this.prisma.$transaction(async (tx) => {
      // The citizen's words live with the alert only; they are never logged.
      const event = await tx.alertEvent.create({ data: { alertId, type: 'citizenMessage', detail: { text }, at: this.now() } });
      await this.outbox.enqueue([{ channel: 'staff-chat', target: to, payload: { alertId, reason: THREAD_REASON, eventId: event.id } }], tx);
    });
    void this.outbox.kick();
  }

  async leave(citizenId: string, alertId: string): Promise<void> {
    const alert = await this.prisma.alert.findFirst({ where: { id: alertId, citizenId }, select: { id: true } });
    if (alert) await this.prisma.alertEvent.create({ data: { alertId, type: 'thread.left', at: this.now() } });
  }

  /** A staff-started conversation: an alert already seen (nothing to escalate), assigned to the citizen's caseworker. */
  private async startConversation(principal: Principal, citizenId: string): Promise<string> {
    const citizen = await this.prisma.citizen.findUnique({ where: { id: citizenId } });
    if (!citizen) throw new AppError('NOT_FOUND');
    if (!canActOnCitizen(principal, citizen)) throw new AppError('FORBIDDEN');
    const at = this.now();
    const alert = await this.prisma.alert.create({
      data: {
        citizenId,
        kind: 'conversation',
        severity: 'NORMAL',
        status: 'ACKNOWLEDGED',
        acknowledgedAt: at,
        assigneeId: citizen.caseworkerId,
        dueAt: at,
        createdAt: at,
        events: { create: { type: 'created', actorStaffId: principal.staffId, detail: { assigneeId: citizen.caseworkerId }, at } },
      },
    });
    return alert.id;
  }
}

/** The caseworker's chat message for a citizen's answer in a thread: who, which alert, the words, and how to answer. */
export async function threadMessage(prisma: PrismaClient, alertId: string, eventId: string): Promise<Partial<Activity>> {
  const event = await prisma.alertEvent.findFirstOrThrow({ where: { id: eventId, alertId }, include: { alert: { include: { citizen: true } } } });
  const t = translator('da');
  const ref = alertReference(alertId);
  const text = (event.detail as { text?: string }).text ?? '';
  return MessageFactory.text(t('staff.threadMessage', { citizen: event.alert.citizen.displayName, ref, text }));
}
