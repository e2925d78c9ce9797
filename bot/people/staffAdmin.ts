import { z } from 'zod';
import type { Principal, StaffRole } from '../../domain/access.js';
import { absencePeriod, isAwayAt } from '../../domain/alertRecipient.js';
import type { AlertDelivery } from '../alerts/alertDelivery.js';
import type { Outbox } from '../alerts/outbox.js';
import type { PrismaClient } from '../data/generated/client.js';
import { generateApiToken, hashApiToken } from '../admin/staffAuth.js';
import { AppError } from '../errors.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import type { EnrollmentService } from './enrollmentService.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, e.g. 2026-12-24');
const staffId = z.string().uuid('must be a staff id');

/** An absence as a person gives it: the first and last day away, and who covers (optional). Same for API and forms. */
export const absenceBody = z
  .object({ firstDay: isoDay, lastDay: isoDay, substituteId: staffId.nullable().optional() })
  .refine((away) => away.firstDay <= away.lastDay, { message: 'must not be before the first day', path: ['lastDay'] });

/** What a coordinator may change about a staff member (PATCH /api/admin/staff/:id and the staff page). */
export const staffPatchBody = z
  .object({
    role: z.enum(['CASEWORKER', 'COORDINATOR']).optional(),
    active: z.boolean().optional(),
    /** null ends the current and coming absences. */
    away: absenceBody.nullable().optional(),
  })
  .strict();

export type AbsenceInput = z.infer<typeof absenceBody>;

/** A new staff member (POST /api/admin/caseworkers and the staff page). */
export const createStaffBody = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().toLowerCase().email('must be an e-mail address'),
  role: z.enum(['CASEWORKER', 'COORDINATOR']).default('CASEWORKER'),
  aadObjectId: z.string().uuid('must be an Azure AD object id').optional(),
});

/** A staff member as lists show them: role, whether active, and the absence now or next. */
export interface StaffSummary {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  caseload: number;
  away: { startsAt: Date; endsAt: Date; now: boolean; substitute: { id: string; name: string } | null } | null;
}

/**
 * Staff administration for the API and the console alike: list, role, deactivation (only with no citizens left),
 * absences with a substitute, and handing over an absent person's open alerts. Everyone may set their own absence;
 * everything else is for coordinators. Every change is audited.
 */
export class StaffAdmin {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly delivery: AlertDelivery,
    private readonly enrollment: EnrollmentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a staff member (coordinators only) with a one-time code to link their chat; the code is shown once. */
  async create(principal: Principal, body: z.infer<typeof createStaffBody>): Promise<{ id: string; role: StaffRole; enrollmentCode: string }> {
    if (principal.role !== 'COORDINATOR') throw new AppError('FORBIDDEN');
    if (await this.prisma.staff.findUnique({ where: { email: body.email } })) throw new AppError('BAD_REQUEST', { email: 'is already registered' });
    if (body.aadObjectId && (await this.prisma.staff.findUnique({ where: { aadObjectId: body.aadObjectId } }))) {
      throw new AppError('BAD_REQUEST', { aadObjectId: 'is already registered' });
    }
    const staff = await this.prisma.staff.create({ data: { ...body, organisationId: principal.organisationId } });
    await this.audit(principal, 'staff.created', staff.id);
    return { id: staff.id, role: staff.role, enrollmentCode: await this.enrollment.issue({ staffId: staff.id }) };
  }

  /** A new code for linking a chat (a new phone, a lost code); shown once. */
  async issueEnrollmentCode(principal: Principal, id: string): Promise<string> {
    if (principal.role !== 'COORDINATOR') throw new AppError('FORBIDDEN');
    await this.activeStaffIn(principal, id);
    await this.audit(principal, 'enrollment.code-issued', id);
    return this.enrollment.issue({ staffId: id });
  }

  /** A personal API token; shown once, stored only as its hash. */
  async issueApiToken(principal: Principal, id: string): Promise<string> {
    if (principal.role !== 'COORDINATOR') throw new AppError('FORBIDDEN');
    await this.activeStaffIn(principal, id);
    const token = generateApiToken();
    await this.prisma.apiToken.create({ data: { staffId: id, tokenHash: hashApiToken(token) } });
    await this.audit(principal, 'token.issued', id);
    return token;
  }

  async list(principal: Principal, filter: { active?: boolean } = {}): Promise<StaffSummary[]> {
    const now = this.now();
    const rows = await this.prisma.staff.findMany({
      where: {
        organisationId: principal.organisationId,
        ...(filter.active === undefined ? {} : { deactivatedAt: filter.active ? null : { not: null } }),
      },
      orderBy: { name: 'asc' },
      include: {
        _count: { select: { caseload: { where: { status: { not: 'ENDED' } } } } },
        absences: { where: { cancelledAt: null, endsAt: { gt: now } }, orderBy: { startsAt: 'asc' }, take: 1, include: { substitute: true } },
      },
    });
    return rows.map((row) => {
      const absence = row.absences[0];
      return {
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        active: row.deactivatedAt === null,
        caseload: row._count.caseload,
        away: absence
          ? {
              startsAt: absence.startsAt,
              endsAt: absence.endsAt,
              now: isAwayAt(absence, now),
              substitute: absence.substitute ? { id: absence.substitute.id, name: absence.substitute.name } : null,
            }
          : null,
      };
    });
  }

  async get(principal: Principal, id: string): Promise<StaffSummary> {
    const found = (await this.list(principal)).find((staff) => staff.id === id);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  /** Applies a validated patch; an absence may be set by the person themself, the rest only by a coordinator. */
  async update(principal: Principal, id: string, patch: z.infer<typeof staffPatchBody>): Promise<StaffSummary> {
    const own = principal.staffId === id && Object.keys(patch).every((key) => key === 'away');
    if (principal.role !== 'COORDINATOR' && !own) throw new AppError('FORBIDDEN');
    const staff = await this.staffIn(principal, id);
    if (patch.role && patch.role !== staff.role) {
      await this.prisma.staff.update({ where: { id }, data: { role: patch.role } });
      await this.audit(principal, 'staff.role-changed', id, { before: staff.role, after: patch.role });
    }
    if (patch.away !== undefined) await (patch.away ? this.setAway(principal, id, patch.away) : this.endAway(principal, id));
    if (patch.active === false && staff.deactivatedAt === null) await this.deactivate(principal, id);
    if (patch.active === true && staff.deactivatedAt !== null) {
      await this.prisma.staff.update({ where: { id }, data: { deactivatedAt: null } });
      await this.audit(principal, 'staff.reactivated', id);
    }
    return this.get(principal, id);
  }

  /** The citizens who must be given to someone else before this person can be deactivated. */
  async citizensToReassign(principal: Principal, id: string) {
    return this.prisma.citizen.findMany({
      where: { organisationId: principal.organisationId, status: { not: 'ENDED' }, OR: [{ caseworkerId: id }, { backupCaseworkerId: id }] },
      select: { id: true, displayName: true, caseworkerId: true, backupCaseworkerId: true },
      orderBy: { displayName: 'asc' },
    });
  }

  /** Open alerts assigned to this person: offered for handover while they are away. */
  async openAlertsOf(principal: Principal, id: string) {
    await this.staffIn(principal, id);
    return this.prisma.alert.findMany({
      where: { assigneeId: id, status: { not: 'RESOLVED' } },
      select: { id: true, kind: true, severity: true, createdAt: true, dueAt: true, citizen: { select: { displayName: true } } },
      orderBy: { dueAt: 'asc' },
    });
  }

  /** Gives an absent person's open alerts to a colleague, who gets each card in their chat as passed on to them. */
  async handOver(principal: Principal, fromId: string, toId: string): Promise<number> {
    if (principal.role !== 'COORDINATOR' && principal.staffId !== fromId) throw new AppError('FORBIDDEN');
    await this.staffIn(principal, fromId);
    const to = await this.staffIn(principal, toId);
    if (to.deactivatedAt !== null || toId === fromId) throw new AppError('BAD_REQUEST', { toStaffId: 'must be another active colleague' });
    const at = this.now();
    const moved = await this.prisma.$transaction(async (tx) => {
      const open = await tx.alert.findMany({ where: { assigneeId: fromId, status: { not: 'RESOLVED' } }, select: { id: true } });
      for (const { id } of open) {
        await tx.alert.update({ where: { id }, data: { assigneeId: toId } });
        await tx.alertEvent.create({ data: { alertId: id, type: 'handedOver', actorStaffId: principal.staffId, detail: { from: fromId, to: toId }, at } });
        await this.outbox.enqueue(this.delivery.itemsFor(id, [toId], 'escalated'), tx);
      }
      return open.length;
    });
    if (moved > 0) void this.outbox.kick();
    await this.audit(principal, 'alerts.handed-over', fromId, { to: toId, count: moved });
    return moved;
  }

  private async setAway(principal: Principal, id: string, input: AbsenceInput): Promise<void> {
    if (input.substituteId) {
      const substitute = await this.staffIn(principal, input.substituteId);
      if (substitute.deactivatedAt !== null || substitute.id === id) {
        throw new AppError('BAD_REQUEST', { substituteId: 'must be another active colleague' });
      }
    }
    const { businessHours } = await readOrganisationSettings(this.prisma, principal.organisationId);
    const period = absencePeriod(input.firstDay, input.lastDay, businessHours.timeZone);
    if (period.endsAt.getTime() <= this.now().getTime()) throw new AppError('BAD_REQUEST', { lastDay: 'must not be in the past' });
    // One absence at a time: a new one replaces what was planned.
    await this.prisma.$transaction([
      this.prisma.staffAbsence.updateMany({ where: { staffId: id, cancelledAt: null, endsAt: { gt: this.now() } }, data: { cancelledAt: this.now() } }),
      this.prisma.staffAbsence.create({ data: { staffId: id, substituteId: input.substituteId ?? null, ...period, createdById: principal.staffId } }),
    ]);
    await this.audit(principal, 'staff.away-set', id, { firstDay: input.firstDay, lastDay: input.lastDay, substituteId: input.substituteId ?? null });
  }

  private async endAway(principal: Principal, id: string): Promise<void> {
    const ended = await this.prisma.staffAbsence.updateMany({ where: { staffId: id, cancelledAt: null, endsAt: { gt: this.now() } }, data: { cancelledAt: this.now() } });
    if (ended.count > 0) await this.audit(principal, 'staff.away-ended', id);
  }

  private async deactivate(principal: Principal, id: string): Promise<void> {
    const remaining = await this.citizensToReassign(principal, id);
    if (remaining.length > 0) throw new AppError('BAD_REQUEST', { active: `reassign their ${remaining.length} citizen(s) first` });
    if (principal.staffId === id) throw new AppError('BAD_REQUEST', { active: 'you cannot deactivate yourself' });
    const at = this.now();
    await this.prisma.$transaction([
      this.prisma.staff.update({ where: { id }, data: { deactivatedAt: at } }),
      this.prisma.apiToken.updateMany({ where: { staffId: id, revokedAt: null }, data: { revokedAt: at } }),
      this.prisma.staffSession.updateMany({ where: { staffId: id, endedAt: null }, data: { endedAt: at } }),
    ]);
    await this.audit(principal, 'staff.deactivated', id);
  }

  private async activeStaffIn(principal: Principal, id: string) {
    const staff = await this.staffIn(principal, id);
    if (staff.deactivatedAt !== null) throw new AppError('BAD_REQUEST', { staffId: 'is no longer active' });
    return staff;
  }

  private async staffIn(principal: Principal, id: string) {
    const staff = await this.prisma.staff.findFirst({ where: { id, organisationId: principal.organisationId } });
    if (!staff) throw new AppError('NOT_FOUND');
    return staff;
  }

  private async audit(principal: Principal, action: string, entityId: string, detail: Record<string, unknown> = {}): Promise<void> {
    await this.prisma.auditLog.create({ data: { actorStaffId: principal.staffId, action, entity: 'Staff', entityId, detail: detail as object, at: this.now() } });
  }
}
