import type { Request, Response, Server } from 'restify';
import { FACTORS } from '../../domain/questionBank/index.js';
import type { AccessLog } from '../privacy/accessLog.js';
import type { ProgressService } from '../progress/progressService.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError, errorCatalogue } from '../errors.js';
import { type Logger, safeError } from '../logger.js';
import { parseBody, pathId, reasonOf, staffRoute } from './jsonRoute.js';
import type { StaffAuthenticator } from './staffAuth.js';
import { citizenFor } from './citizenAccess.js';
import { assessmentBody, type CitizenActions } from './citizenActions.js';

export interface ProgressRoutesDeps {
  prisma: PrismaClient;
  auth: StaffAuthenticator;
  progress: ProgressService;
  /** Factor F is recorded by the same action as the console's form. */
  actions: CitizenActions;
  accessLog: AccessLog;
  logger: Logger;
}

/** Factor F and the progression picture for staff. */
export function registerProgressRoutes(server: Server, deps: ProgressRoutesDeps): void {
  const { prisma } = deps;
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  server.put('/api/admin/citizens/:id/assessment', route(async (req, principal) => {
    const body = parseBody(assessmentBody, req.body);
    return { status: 201, body: await deps.actions.assess(principal, pathId(req), body) };
  }));

  server.get('/api/admin/citizens/:id/progress', route(async (req, principal) => {
    const citizen = await citizenFor(prisma, principal, pathId(req));
    await deps.accessLog.record(principal, citizen.id, 'progress', reasonOf(req));
    return { status: 200, body: await progressionOf(prisma, deps.progress, citizen.id) };
  }));

  // An image, not JSON: authenticated the same way, answered as image/png.
  server.get('/api/admin/citizens/:id/progress.png', async (req: Request, res: Response) => {
    try {
      const principal = await deps.auth.authenticate(req.header('authorization'));
      const citizen = await citizenFor(prisma, principal, pathId(req));
      const png = await deps.progress.radar(citizen.id, 'da');
      if (!png) throw new AppError('NOT_FOUND');
      await deps.accessLog.record(principal, citizen.id, 'progress-chart', reasonOf(req));
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'no-store' });
      res.end(png);
    } catch (error) {
      const known = error instanceof AppError ? error : new AppError('INTERNAL');
      if (!(error instanceof AppError)) deps.logger.error({ err: safeError(error) }, 'progress chart failed');
      res.send(known.status, { error: known.code, message: errorCatalogue[known.code].message });
    }
  });
}

/** Latest factor scores, their change, factor F with its history, and the weekly hours: for the staff summary. */
export async function progressionOf(prisma: PrismaClient, progress: ProgressService, citizenId: string) {
  const [summary, assessments, hours] = await Promise.all([
    progress.summary(citizenId),
    prisma.assessment.findMany({ where: { citizenId }, orderBy: { at: 'desc' }, include: { staff: { select: { name: true } } } }),
    prisma.hoursReport.findMany({ where: { citizenId }, orderBy: { isoWeek: 'asc' } }),
  ]);
  return {
    factors: FACTORS,
    latest: summary?.latest ?? null,
    previous: summary?.previous ?? null,
    changes: summary?.changes ?? null,
    checkedInAt: summary?.at ?? null,
    assessment: assessments[0] ? { score: assessments[0].score, note: assessments[0].note, at: assessments[0].at, by: assessments[0].staff.name } : null,
    assessmentHistory: assessments.map((assessment) => ({ score: assessment.score, at: assessment.at, by: assessment.staff.name })),
    hours: hours.map((week) => ({ isoWeek: week.isoWeek, hours: Number(week.hours) })),
  };
}
