import type { Server } from 'restify';
import { z } from 'zod';
import { alertMetrics } from '../../domain/alertMetrics.js';
import { alertReference } from '../../domain/staffCommands.js';
import type { AlertActions } from '../alerts/alertActions.js';
import { visibleAlertsWhere } from '../alerts/alertInbox.js';
import type { Prisma, PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import type { AccessLog } from '../privacy/accessLog.js';
import { parseBody, pathId, staffRoute } from './jsonRoute.js';
import { requireRole, type StaffAuthenticator } from './staffAuth.js';

export interface AlertRoutesDeps {
  prisma: PrismaClient;
  auth: StaffAuthenticator;
  actions: AlertActions;
  accessLog: AccessLog;
  logger: Logger;
}

/** Filters and paging of the alert list; the answer stays a plain array (oldest deadline first). */
const alertListQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved', 'all']).default('open'),
  severity: z.enum(['CRISIS', 'URGENT', 'NORMAL']).optional(),
  citizenId: z.string().uuid().optional(),
  assigneeId: z.string().uuid().optional(),
  /** Raised from this instant (ISO 8601) … */
  from: z.coerce.date().optional(),
  /** … and before this one. */
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
/** A reply to the citizen; the console's reply form is validated with the same schema. */
export const replyBody = z.object({ text: z.string().trim().min(1, 'is required').max(2000) });

/** Alerts for staff: list, details with history, acknowledge, reply, resolve; and response-time metrics. */
export function registerAlertRoutes(server: Server, deps: AlertRoutesDeps): void {
  const { prisma, actions } = deps;
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  server.get('/api/admin/alerts', route(async (req, principal) => {
    const query = parseBody(alertListQuery, req.query);
    const { status } = query;
    const where: Prisma.AlertWhereInput = {
      AND: [
        status === 'all' ? {} : { status: status.toUpperCase() as 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' },
        query.severity ? { severity: query.severity } : {},
        query.citizenId ? { citizenId: query.citizenId } : {},
        query.assigneeId ? { assigneeId: query.assigneeId } : {},
        query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {},
        visibleAlertsWhere(principal),
      ],
    };
    const alerts = await prisma.alert.findMany({
      where,
      include: { citizen: true, assignee: true },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      skip: query.offset,
      take: query.limit,
    });
    await deps.accessLog.record(principal, alerts.map((alert) => alert.citizenId), 'alert-list');
    return {
      status: 200,
      body: alerts.map((alert) => ({
        id: alert.id,
        reference: alertReference(alert.id),
        kind: alert.kind,
        severity: alert.severity,
        status: alert.status,
        citizen: { id: alert.citizenId, displayName: alert.citizen.displayName },
        assignee: { id: alert.assigneeId, name: alert.assignee.name },
        escalationLevel: alert.escalationLevel,
        dueAt: alert.dueAt,
        createdAt: alert.createdAt,
        acknowledgedAt: alert.acknowledgedAt,
      })),
    };
  }));

  server.get('/api/admin/alerts/:id', route(async (req, principal) => {
    const alert = await actions.load(pathId(req), principal);
    await deps.accessLog.record(principal, alert.citizenId, 'alert', alert.id);
    const events = await prisma.alertEvent.findMany({ where: { alertId: alert.id }, orderBy: { at: 'asc' } });
    return {
      status: 200,
      body: { ...alert, reference: alertReference(alert.id), citizen: { id: alert.citizenId, displayName: alert.citizen.displayName }, events },
    };
  }));

  server.post('/api/admin/alerts/:id/acknowledge', route(async (req, principal) => {
    await actions.acknowledge(pathId(req), principal);
    return { status: 200, body: { status: 'ACKNOWLEDGED' } };
  }));

  server.post('/api/admin/alerts/:id/reply', route(async (req, principal) => {
    const id = pathId(req);
    const { text } = parseBody(replyBody, req.body);
    const { delivery } = await actions.reply(id, principal, text);
    return { status: 200, body: { status: 'ACKNOWLEDGED', replied: true, delivery } };
  }));

  server.post('/api/admin/alerts/:id/resolve', route(async (req, principal) => {
    await actions.resolve(pathId(req), principal);
    return { status: 200, body: { status: 'RESOLVED' } };
  }));

  server.get('/api/admin/metrics/alerts', route(async (_req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const alerts = await prisma.alert.findMany({
      where: { citizen: { organisationId: principal.organisationId } },
      select: { severity: true, status: true, createdAt: true, acknowledgedAt: true, dueAt: true, escalationLevel: true },
    });
    return { status: 200, body: { bySeverity: alertMetrics(alerts), openTotal: alerts.filter((alert) => alert.status === 'OPEN').length } };
  }));
}
