import type { Principal } from '../../domain/access.js';
import type { DataRequestKind, Decision } from '../../domain/privacy/dataRequests.js';
import type { CaseworkerAlerts } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';
import { eraseCitizen } from './erasure.js';

/** Requests for erasure (Art. 17) and restriction (Art. 18): recorded from chat or by the caseworker, decided by a coordinator. */
export class DataRequests {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly alerts: CaseworkerAlerts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a request (one pending per kind: asking twice is the same request) and tells the caseworker. */
  async record(citizenId: string, kind: DataRequestKind, source: 'chat' | 'caseworker', requestedById: string | null = null): Promise<string> {
    const pending = await this.prisma.dataRequest.findFirst({ where: { citizenId, kind, status: 'PENDING' } });
    if (pending) return pending.id;
    const request = await this.prisma.dataRequest.create({ data: { citizenId, kind, source, requestedById, requestedAt: this.now() } });
    await this.alerts.raise({ citizenId, kind: 'dataRequest', severity: 'NORMAL', facts: { request: kind, requestId: request.id } });
    return request.id;
  }

  /** Pending and decided requests of the principal's organisation, newest first; erased citizens show no name. */
  async list(principal: Principal, status: 'PENDING' | 'APPROVED' | 'REFUSED' | undefined) {
    const requests = await this.prisma.dataRequest.findMany({ where: status ? { status } : {}, orderBy: { requestedAt: 'desc' }, take: 200 });
    const citizens = await this.prisma.citizen.findMany({
      where: { id: { in: requests.map((request) => request.citizenId).filter((id): id is string => id !== null) }, organisationId: principal.organisationId },
      select: { id: true, displayName: true, caseworker: { select: { name: true } } },
    });
    const byId = new Map(citizens.map((citizen) => [citizen.id, citizen]));
    return requests
      .filter((request) => request.citizenId === null || byId.has(request.citizenId))
      .map((request) => ({ ...request, citizen: request.citizenId ? (byId.get(request.citizenId) ?? null) : null }));
  }

  /** A coordinator approves or refuses. Approved erasure erases; approved restriction stops processing except crisis safety. */
  async decide(principal: Principal, requestId: string, decision: Decision): Promise<{ tombstoneId?: string }> {
    if (principal.role !== 'COORDINATOR') throw new AppError('FORBIDDEN');
    const request = await this.prisma.dataRequest.findUnique({ where: { id: requestId } });
    if (!request || !request.citizenId) throw new AppError('NOT_FOUND');
    const citizen = await this.prisma.citizen.findUnique({ where: { id: request.citizenId } });
    if (!citizen || citizen.organisationId !== principal.organisationId) throw new AppError('NOT_FOUND');
    if (request.status !== 'PENDING') throw new AppError('BAD_REQUEST', { status: 'the request is already decided' });
    const at = this.now();
    const decided = { decidedById: principal.staffId, decidedAt: at, decisionReason: decision.reason ?? null };
    if (decision.decision === 'refuse') {
      await this.prisma.dataRequest.update({ where: { id: requestId }, data: { status: 'REFUSED', ...decided } });
      return {};
    }
    await this.prisma.dataRequest.update({ where: { id: requestId }, data: { status: 'APPROVED', ...decided } });
    if (request.kind === 'ERASURE') return { tombstoneId: await eraseCitizen(this.prisma, citizen.id, 'request', at) };
    await this.restrict(citizen.id, at);
    return {};
  }

  /**
   * Consent withdrawn (Art. 7(3)): recorded against the text version that was accepted, pending reminders cancelled
   * at once, and the caseworker told (no words of the citizen's, only that it happened).
   */
  async withdrawConsent(citizenId: string): Promise<void> {
    const accepted = await this.prisma.consentRecord.findFirst({ where: { citizenId, decision: 'ACCEPTED' }, orderBy: { at: 'desc' } });
    await this.prisma.$transaction([
      this.prisma.consentRecord.create({ data: { citizenId, decision: 'DECLINED', textVersion: accepted?.textVersion ?? 'none', at: this.now() } }),
      this.prisma.reminder.updateMany({ where: { citizenId, status: { in: ['PENDING', 'CLAIMED'] } }, data: { status: 'CANCELLED', leaseUntil: null } }),
    ]);
    await this.alerts.raise({ citizenId, kind: 'consentWithdrawn', severity: 'NORMAL' });
  }

  /** Restriction: no reminders and no forwarding from now on; data is kept but not used. Crisis safety is not processing we stop. */
  async restrict(citizenId: string, at: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.citizen.update({ where: { id: citizenId }, data: { restrictedAt: at } }),
      this.prisma.reminder.updateMany({ where: { citizenId, status: { in: ['PENDING', 'CLAIMED'] } }, data: { status: 'CANCELLED', leaseUntil: null } }),
    ]);
  }
}
