import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { translator } from '../../locales/i18n.js';
import { citizenFor } from '../admin/citizenAccess.js';
import { parseBody, pathId, reasonOf, staffRoute } from '../admin/jsonRoute.js';
import type { PrismaClient } from '../data/generated/client.js';
import { type Logger, safeError } from '../logger.js';
import { accessLogQuery } from '../../domain/privacy/accessLog.js';
import { decisionSchema, recordRequestSchema } from '../../domain/privacy/dataRequests.js';
import { requireRole, type StaffAuthenticator } from '../admin/staffAuth.js';
import type { AccessLog } from './accessLog.js';
import type { DataExports } from './dataExport.js';
import type { DataRequests } from './dataRequests.js';

export interface PrivacyRoutesDeps {
  prisma: PrismaClient;
  auth: StaffAuthenticator;
  exports: DataExports;
  requests: DataRequests;
  accessLog: AccessLog;
  logger: Logger;
}

/** The citizen's page holds their data: no caching, no referrer (the token is in the URL), nothing but inline styles. */
export const DOCUMENT_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const exportQuery = z.object({ format: z.enum(['json', 'html']).default('json') });
const requestsQuery = z.object({ status: z.enum(['PENDING', 'APPROVED', 'REFUSED']).optional() });

/** Routes for data rights: the citizen's one-time download link and the staff export. */
export function registerPrivacyRoutes(server: Server, deps: PrivacyRoutesDeps): void {
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  server.get('/my-data/:token', async (req: Request, res: Response) => {
    const token = String((req.params as Record<string, unknown>).token ?? '');
    try {
      const rendered = TOKEN.test(token) ? await deps.exports.redeem(token) : undefined;
      if (rendered) {
        res.writeHead(200, DOCUMENT_HEADERS);
        res.end(rendered.html);
        return;
      }
      // Used, expired or never issued: the same kind answer, in Danish first.
      const message = `${translator('da')('myData.linkUsed')}\n\n${translator('en')('myData.linkUsed')}`;
      res.writeHead(410, { ...DOCUMENT_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end(message);
    } catch (error) {
      deps.logger.error({ err: safeError(error) }, 'data export failed');
      res.writeHead(500, { ...DOCUMENT_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Der skete en fejl. Prøv igen senere.');
    }
  });

  server.get('/api/admin/citizens/:id/export', route(async (req, principal) => {
    const citizen = await citizenFor(deps.prisma, principal, pathId(req));
    const { format } = parseBody(exportQuery, req.query);
    const rendered = await deps.exports.forStaff(principal, citizen.id, reasonOf(req));
    return { status: 200, body: format === 'json' ? rendered.data : { html: rendered.html } };
  }));

  // A caseworker records a request the citizen made to them; a coordinator decides.
  server.post('/api/admin/citizens/:id/data-requests', route(async (req, principal) => {
    const citizen = await citizenFor(deps.prisma, principal, pathId(req));
    const { kind } = parseBody(recordRequestSchema, req.body);
    const id = await deps.requests.record(citizen.id, kind, 'caseworker', principal.staffId);
    return { status: 201, body: { id } };
  }));

  server.get('/api/admin/data-requests', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const { status } = parseBody(requestsQuery, req.query);
    const requests = await deps.requests.list(principal, status);
    return {
      status: 200,
      body: requests.map((request) => ({
        id: request.id,
        kind: request.kind,
        status: request.status,
        source: request.source,
        citizen: request.citizen ? { id: request.citizenId, displayName: request.citizen.displayName } : null,
        requestedAt: request.requestedAt,
        decidedAt: request.decidedAt,
        decisionReason: request.decisionReason,
        tombstoneId: request.tombstoneId,
      })),
    };
  }));

  server.post('/api/admin/data-requests/:id/decision', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const decision = parseBody(decisionSchema, req.body);
    const result = await deps.requests.decide(principal, pathId(req), decision);
    return { status: 200, body: { status: decision.decision === 'approve' ? 'APPROVED' : 'REFUSED', ...result } };
  }));

  server.get('/api/admin/access-log', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const filter = parseBody(accessLogQuery, req.query);
    const rows = await deps.accessLog.search(principal.organisationId, filter);
    return { status: 200, body: rows.map((row) => ({ at: row.at, citizenId: row.citizenId, staff: row.staff?.name ?? null, staffId: row.staffId, role: row.role, category: row.category, reason: row.reason })) };
  }));
}
