import { canActOnCitizen, type Principal } from '../../domain/access.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';
import type { CitizenNotice } from './alertDelivery.js';
import { actorName, handledBy } from './alertHandlers.js';
import type { Outbox } from './outbox.js';

/** What staff can do with an alert, from the staff API or from the card in their chat. */
export class AlertActions {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
    /** Told after every change, e.g. to update the cards already in staff chats. */
    private readonly onChanged: (alertId: string) => Promise<unknown> = async () => undefined,
  ) {}

  /** Staff see and act on alerts of their own citizens and alerts escalated to them; coordinators on all. */
  async load(alertId: string, principal: Principal) {
    const alert = await this.prisma.alert.findUnique({ where: { id: alertId }, include: { citizen: true } });
    if (!alert) throw new AppError('NOT_FOUND');
    const escalatedToMe = principal.staffId !== null && alert.assigneeId === principal.staffId;
    if (!escalatedToMe && !canActOnCitizen(principal, alert.citizen)) throw new AppError('FORBIDDEN');
    return alert;
  }

  /** An open alert the principal may act on, by the six-character reference used in text commands. */
  async findByReference(reference: string, principal: Principal): Promise<string | undefined> {
    // The reference is the id's first six hex digits, which come before the first hyphen of a UUID.
    const candidates = await this.prisma.alert.findMany({
      where: { status: { not: 'RESOLVED' }, id: { startsWith: reference.toLowerCase() } },
      select: { id: true },
      orderBy: { createdAt: 'desc' },
      take: 20,
    });
    for (const candidate of candidates) {
      try {
        await this.load(candidate.id, principal);
        return candidate.id;
      } catch {
        // Not this principal's; keep looking.
      }
    }
    return undefined;
  }

  async acknowledge(alertId: string, principal: Principal): Promise<{ citizenName: string }> {
    const alert = await this.load(alertId, principal);
    const name = await this.actorName(principal);
    if (alert.status === 'OPEN') {
      await this.prisma.$transaction(async (tx) => {
        const updated = await tx.alert.updateMany({ where: { id: alertId, status: 'OPEN' }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: this.now() } });
        if (updated.count !== 1) return;
        await tx.alertEvent.create({ data: { alertId, type: 'acknowledged', actorStaffId: principal.staffId, at: this.now() } });
        await this.outbox.enqueue([this.notice(alert.citizenId, { alertId, notice: 'acknowledged', params: { name, context: alert.kind } })], tx);
      });
      void this.outbox.kick();
      void this.onChanged(alertId);
    }
    return { citizenName: alert.citizen.displayName };
  }

  /**
   * A reply is relayed into the citizen's chat with the sender's name; replying also acknowledges.
   * `delivery` says what the sender can expect: `pending` (on its way; should it fail for good the sender
   * is told in their chat and the alert records it), or `undeliverable` (no chat of the citizen's takes messages).
   */
  async reply(alertId: string, principal: Principal, text: string): Promise<{ citizenName: string; delivery: 'pending' | 'undeliverable' }> {
    const alert = await this.load(alertId, principal);
    if (alert.status === 'RESOLVED') throw new AppError('BAD_REQUEST', { status: 'the alert is already resolved' });
    const name = await this.actorName(principal);
    const at = this.now();
    await this.prisma.$transaction(async (tx) => {
      if (alert.status === 'OPEN') {
        await tx.alert.update({ where: { id: alertId }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: at } });
        await tx.alertEvent.create({ data: { alertId, type: 'acknowledged', actorStaffId: principal.staffId, at } });
      }
      // The reply text lives with the alert (for the case history) and goes to the citizen; it is never logged.
      await tx.alertEvent.create({ data: { alertId, type: 'replied', actorStaffId: principal.staffId, detail: { text }, at } });
      await this.outbox.enqueue([this.notice(alert.citizenId, { alertId, notice: 'reply', params: { name, text } })], tx);
    });
    void this.outbox.kick();
    if (alert.status === 'OPEN') void this.onChanged(alertId);
    const reachable = await this.prisma.channelIdentity.count({ where: { citizenId: alert.citizenId, unreachableSince: null } });
    return { citizenName: alert.citizen.displayName, delivery: reachable > 0 ? 'pending' : 'undeliverable' };
  }

  async resolve(alertId: string, principal: Principal): Promise<{ citizenName: string }> {
    const alert = await this.load(alertId, principal);
    if (alert.status !== 'RESOLVED') {
      const at = this.now();
      const name = await this.actorName(principal);
      // The citizen is told the matter is closed, so the loop they opened is closed in their chat too.
      await this.prisma.$transaction(async (tx) => {
        await tx.alert.update({ where: { id: alertId }, data: { status: 'RESOLVED', resolvedAt: at, acknowledgedAt: alert.acknowledgedAt ?? at } });
        await tx.alertEvent.create({ data: { alertId, type: 'resolved', actorStaffId: principal.staffId, at } });
        await this.outbox.enqueue([this.notice(alert.citizenId, { alertId, notice: 'resolved', params: { name } })], tx);
      });
      void this.outbox.kick();
      void this.onChanged(alertId);
    }
    return { citizenName: alert.citizen.displayName };
  }

  private notice(citizenId: string, notice: CitizenNotice) {
    return { channel: 'citizen-chat' as const, target: citizenId, payload: { ...notice } };
  }

  private async actorName(principal: Principal): Promise<string> {
    return actorName(this.prisma, principal.staffId);
  }

  /** Who closed the alert, when it is closed: a tap on an old card is answered with this, not acted upon. */
  async closedBy(alertId: string, principal: Principal): Promise<string | undefined> {
    const alert = await this.load(alertId, principal);
    return alert.status === 'RESOLVED' ? handledBy(this.prisma, alertId, 'RESOLVED') : undefined;
  }
}
