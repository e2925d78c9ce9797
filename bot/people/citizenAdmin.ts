import { z } from 'zod';
import type { Principal } from '../../domain/access.js';
import { importIsClean, type ImportPreview, previewCitizenImport } from '../../domain/citizenImport.js';
import type { Outbox } from '../alerts/outbox.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';
import { readCitizenSchedule } from '../reminders/citizenSchedule.js';
import type { EnrollmentService } from './enrollmentService.js';

const staffId = z.string().uuid('must be a staff id');

/** What a coordinator may change about a citizen's course (PATCH /api/admin/citizens/:id and the assignment form). */
export const citizenPatchBody = z
  .object({
    caseworkerId: staffId.optional(),
    backupCaseworkerId: staffId.nullable().optional(),
    programme: z.string().trim().min(1).max(100).nullable().optional(),
    /** ENDED ends the course of support: reminders stop; the data stays under the retention rules. */
    status: z.enum(['ACTIVE', 'PAUSED', 'ENDED']).optional(),
  })
  .strict();
export type CitizenPatch = z.infer<typeof citizenPatchBody>;

export const citizenListQuery = z.object({
  caseworkerId: z.string().uuid().optional(),
  programme: z.string().min(1).max(100).optional(),
  status: z.enum(['ACTIVE', 'PAUSED', 'ENDED']).optional(),
  silenced: z.enum(['true', 'false']).optional(),
  noConsent: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CitizenListQuery = z.infer<typeof citizenListQuery>;

/** A citizen as the coordinators' lists show them; no personal data beyond the name. */
export interface CitizenSummary {
  id: string;
  displayName: string;
  status: string;
  programme: string | null;
  locale: string;
  caseworker: { id: string; name: string };
  backupCaseworker: { id: string; name: string } | null;
  silenced: boolean;
  consented: boolean;
}

/** A citizen just imported with their one-time code (shown once) and what their letter needs. */
export interface ImportedCitizen {
  citizenId: string;
  citizenName: string;
  caseworkerName: string;
  locale: string;
  code: string;
  expiresAt: Date;
}

/**
 * Citizens' courses for coordinators, through the API and the console alike: list with filters, reassign caseworker
 * and backup (the citizen is told the new name in their chat; the history stays), change programme, end a course
 * (reminders stop), and import many at once: all or nothing, after a preview that names every bad row.
 */
export class CitizenAdmin {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly enrollment: EnrollmentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(principal: Principal, query: CitizenListQuery): Promise<{ total: number; items: CitizenSummary[] }> {
    const rows = await this.prisma.citizen.findMany({
      where: {
        organisationId: principal.organisationId,
        ...(query.caseworkerId ? { caseworkerId: query.caseworkerId } : {}),
        ...(query.programme ? { programme: query.programme } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      include: { caseworker: true, backupCaseworker: true, consents: { orderBy: { at: 'desc' }, take: 1 } },
      orderBy: { displayName: 'asc' },
    });
    // Silence and consent live in JSON and in the latest record: filtered here, over one organisation's citizens.
    const items = rows
      .map((row) => ({
        id: row.id,
        displayName: row.displayName,
        status: row.status,
        programme: row.programme,
        locale: row.locale,
        caseworker: { id: row.caseworker.id, name: row.caseworker.name },
        backupCaseworker: row.backupCaseworker ? { id: row.backupCaseworker.id, name: row.backupCaseworker.name } : null,
        silenced: readCitizenSchedule(row.schedule).silenced === true,
        consented: row.consents[0]?.decision === 'ACCEPTED',
      }))
      .filter((citizen) => query.silenced === undefined || citizen.silenced === (query.silenced === 'true'))
      .filter((citizen) => query.noConsent === undefined || !citizen.consented === (query.noConsent === 'true'));
    return { total: items.length, items: items.slice(query.offset, query.offset + query.limit) };
  }

  /** The programmes in use, for filters. */
  async programmes(principal: Principal): Promise<string[]> {
    const rows = await this.prisma.citizen.findMany({ where: { organisationId: principal.organisationId, programme: { not: null } }, select: { programme: true }, distinct: ['programme'] });
    return rows.map((row) => row.programme as string).sort();
  }

  async get(principal: Principal, id: string): Promise<CitizenSummary> {
    const row = await this.prisma.citizen.findFirst({ where: { id, organisationId: principal.organisationId }, select: { caseworkerId: true } });
    if (!row) throw new AppError('NOT_FOUND');
    const found = (await this.list(principal, { caseworkerId: row.caseworkerId, limit: 200, offset: 0 })).items.find((citizen) => citizen.id === id);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  /** Applies a validated patch (coordinators only); a new caseworker is announced to the citizen by name. */
  async update(principal: Principal, id: string, patch: CitizenPatch): Promise<CitizenSummary> {
    if (principal.role !== 'COORDINATOR') throw new AppError('FORBIDDEN');
    const citizen = await this.prisma.citizen.findFirst({ where: { id, organisationId: principal.organisationId }, include: { caseworker: true } });
    if (!citizen) throw new AppError('NOT_FOUND');
    const caseworkerId = patch.caseworkerId ?? citizen.caseworkerId;
    const backupId = patch.backupCaseworkerId === undefined ? citizen.backupCaseworkerId : patch.backupCaseworkerId;
    await requireActiveStaff(this.prisma, principal, { caseworkerId: patch.caseworkerId, backupCaseworkerId: patch.backupCaseworkerId ?? undefined });
    if (backupId !== null && backupId === caseworkerId) throw new AppError('BAD_REQUEST', { backupCaseworkerId: 'must be someone other than the caseworker' });
    const at = this.now();
    const newCaseworker = caseworkerId !== citizen.caseworkerId ? await this.prisma.staff.findUniqueOrThrow({ where: { id: caseworkerId } }) : null;
    await this.prisma.$transaction(async (tx) => {
      await tx.citizen.update({
        where: { id },
        data: {
          caseworkerId,
          backupCaseworkerId: backupId,
          ...(patch.programme !== undefined ? { programme: patch.programme } : {}),
          ...(patch.status ? { status: patch.status, endedAt: patch.status === 'ENDED' ? (citizen.endedAt ?? at) : null } : {}),
        },
      });
      if (patch.status === 'ENDED' && citizen.status !== 'ENDED') {
        await tx.reminder.updateMany({ where: { citizenId: id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
      }
      if (newCaseworker) {
        await tx.auditLog.create({
          data: { actorStaffId: principal.staffId, action: 'citizen.reassigned', entity: 'Citizen', entityId: id, at, detail: { changes: [{ path: 'caseworker', before: citizen.caseworker.name, after: newCaseworker.name }] } },
        });
        await this.outbox.enqueue([{ channel: 'citizen-chat', target: id, payload: { notice: 'reassigned', params: { name: newCaseworker.name } } }], tx);
      }
      const other = Object.entries(patch)
        .filter(([key]) => key !== 'caseworkerId')
        .map(([path, after]) => ({ path, before: (citizen as Record<string, unknown>)[path] ?? null, after }));
      if (other.length > 0) {
        await tx.auditLog.create({ data: { actorStaffId: principal.staffId, action: 'citizen.updated', entity: 'Citizen', entityId: id, at, detail: { changes: other } as object } });
      }
    });
    if (newCaseworker) void this.outbox.kick();
    return this.get(principal, id);
  }

  /** Reads an import and names every problem; saves nothing. */
  async preview(principal: Principal, text: string): Promise<ImportPreview> {
    const staff = await this.prisma.staff.findMany({ where: { organisationId: principal.organisationId }, select: { id: true, email: true, deactivatedAt: true } });
    return previewCitizenImport(text, new Map(staff.map((person) => [person.email.toLowerCase(), { id: person.id, active: person.deactivatedAt === null }])));
  }

  /**
   * Imports every row or none: a file with any bad row saves nothing. Returns each citizen's one-time code.
   * `importId` comes with the preview: saving the same preview twice (a reload re-posting the form) saves nothing.
   */
  async import(principal: Principal, text: string, importId: string): Promise<{ preview: ImportPreview; imported: ImportedCitizen[]; alreadySaved: boolean }> {
    if (principal.role !== 'COORDINATOR') throw new AppError('FORBIDDEN');
    const preview = await this.preview(principal, text);
    if (!importIsClean(preview)) return { preview, imported: [], alreadySaved: false };
    const created = await this.prisma.$transaction(async (tx) => {
      // Two posts of one preview at once: the second waits here, then finds the first one's record.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`import:${importId}`}))`;
      const batch = { action: 'citizens.importBatch', entity: 'Import', entityId: importId };
      if (await tx.auditLog.findFirst({ where: batch, select: { id: true } })) return undefined;
      await tx.auditLog.create({ data: { ...batch, actorStaffId: principal.staffId, at: this.now() } });
      const ids: string[] = [];
      for (const row of preview.rows) {
        const citizen = await tx.citizen.create({
          data: { organisationId: principal.organisationId, displayName: row.name, caseworkerId: row.caseworkerId as string, programme: row.programme, locale: row.locale },
        });
        await tx.auditLog.create({ data: { actorStaffId: principal.staffId, action: 'citizen.imported', entity: 'Citizen', entityId: citizen.id, at: this.now() } });
        ids.push(citizen.id);
      }
      return ids;
    });
    if (!created) return { preview, imported: [], alreadySaved: true };
    const imported: ImportedCitizen[] = [];
    for (const citizenId of created) {
      const code = await this.enrollment.issue({ citizenId });
      const citizen = await this.prisma.citizen.findUniqueOrThrow({
        where: { id: citizenId },
        include: { caseworker: { select: { name: true } }, enrollmentCodes: { orderBy: { createdAt: 'desc' }, take: 1, select: { expiresAt: true } } },
      });
      imported.push({
        citizenId,
        citizenName: citizen.displayName,
        caseworkerName: citizen.caseworker.name,
        locale: citizen.locale,
        code,
        expiresAt: citizen.enrollmentCodes[0]?.expiresAt ?? this.now(),
      });
    }
    return { preview, imported, alreadySaved: false };
  }
}

/** Refuses (400, naming each field) staff references that are not active members of the principal's organisation. */
export async function requireActiveStaff(prisma: PrismaClient, principal: Principal, references: Record<string, string | undefined>): Promise<void> {
  const fields: Record<string, string> = {};
  for (const [field, id] of Object.entries(references)) {
    if (!id) continue;
    const staff = await prisma.staff.findFirst({ where: { id, organisationId: principal.organisationId } });
    if (!staff) fields[field] = 'no such staff member';
    else if (staff.deactivatedAt !== null) fields[field] = 'is no longer active';
  }
  if (Object.keys(fields).length > 0) throw new AppError('BAD_REQUEST', fields);
}
