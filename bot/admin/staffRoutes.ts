import type { Server } from 'restify';
import { z } from 'zod';
import type { BarrierStore, GoalStore } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EnrollmentService } from '../people/enrollmentService.js';
import type { AccessLog } from '../privacy/accessLog.js';
import type { ProgressService } from '../progress/progressService.js';
import { requireActiveStaff } from '../people/citizenAdmin.js';
import { progressionOf } from './progressRoutes.js';
import { audit, citizenFor } from './citizenAccess.js';
import { parseBody, pathId, reasonOf, staffRoute } from './jsonRoute.js';
import { requireRole, StaffAuthenticator } from './staffAuth.js';

export interface StaffRoutesDeps {
  prisma: PrismaClient;
  goals: GoalStore;
  barriers: BarrierStore;
  progress: ProgressService;
  auth: StaffAuthenticator;
  enrollment: EnrollmentService;
  accessLog: AccessLog;
  logger: Logger;
}

const name = z.string().trim().min(1, 'is required').max(200);
const createCitizenBody = z.object({
  displayName: name,
  caseworkerId: z.string().uuid('must be a staff id'),
  backupCaseworkerId: z.string().uuid('must be a staff id').optional(),
  locale: z.enum(['da', 'en']).default('da'),
  programme: z.string().trim().min(1).max(100).optional(),
});

/** Citizen enrollment and case endpoints; staff administration is in peopleRoutes.ts. */
export function registerStaffRoutes(server: Server, deps: StaffRoutesDeps): void {
  const { prisma, enrollment } = deps;
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  server.post('/api/admin/citizens', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR', 'CASEWORKER');
    const body = parseBody(createCitizenBody, req.body);
    // A caseworker enrolls citizens into their own caseload; coordinators assign anyone.
    if (principal.role === 'CASEWORKER' && body.caseworkerId !== principal.staffId) throw new AppError('FORBIDDEN');
    await requireActiveStaff(prisma, principal, { caseworkerId: body.caseworkerId, backupCaseworkerId: body.backupCaseworkerId });
    const citizen = await prisma.citizen.create({ data: { ...body, organisationId: principal.organisationId } });
    await audit(prisma, principal, 'citizen.created', 'Citizen', citizen.id);
    const enrollmentCode = await enrollment.issue({ citizenId: citizen.id });
    return { status: 201, body: { id: citizen.id, enrollmentCode } };
  }));

  server.post('/api/admin/citizens/:id/enrollment-code', route(async (req, principal) => {
    const citizen = await citizenFor(prisma, principal, pathId(req));
    await audit(prisma, principal, 'enrollment.code-issued', 'Citizen', citizen.id);
    return { status: 201, body: { id: citizen.id, enrollmentCode: await enrollment.issue({ citizenId: citizen.id }) } };
  }));

  server.get('/api/admin/citizens/:id', route(async (req, principal) => {
    const citizen = await citizenFor(prisma, principal, pathId(req));
    await deps.accessLog.record(principal, citizen.id, 'summary', reasonOf(req));
    const details = await prisma.citizen.findUniqueOrThrow({
      where: { id: citizen.id },
      include: {
        caseworker: true,
        backupCaseworker: true,
        identities: { select: { channelId: true, unreachableSince: true } },
        consents: { orderBy: { at: 'desc' }, take: 1 },
      },
    });
    const consent = details.consents[0];
    return {
      status: 200,
      body: {
        id: details.id,
        displayName: details.displayName,
        status: details.status,
        locale: details.locale,
        timeZone: details.timeZone,
        caseworker: { id: details.caseworker.id, name: details.caseworker.name },
        backupCaseworker: details.backupCaseworker ? { id: details.backupCaseworker.id, name: details.backupCaseworker.name } : null,
        channels: details.identities.map((identity) => ({ channelId: identity.channelId, reachable: !identity.unreachableSince })),
        consent: consent ? { decision: consent.decision, textVersion: consent.textVersion, at: consent.at } : null,
        contactWindow: details.contactWindow,
        programme: details.programme,
        goals: await deps.goals.list(citizen.id),
        // In the citizen's own order: what they rank highest is what the caseworker sees first.
        barriers: await deps.barriers.current(citizen.id),
        progression: await progressionOf(prisma, deps.progress, citizen.id),
        createdAt: details.createdAt,
      },
    };
  }));
}
