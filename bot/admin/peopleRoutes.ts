import type { Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { type CitizenAdmin, citizenListQuery, citizenPatchBody } from '../people/citizenAdmin.js';
import { createStaffBody, type StaffAdmin, staffPatchBody } from '../people/staffAdmin.js';
import { parseBody, pathId, staffRoute } from './jsonRoute.js';
import { requireRole, type StaffAuthenticator } from './staffAuth.js';

export interface PeopleRoutesDeps {
  auth: StaffAuthenticator;
  staff: StaffAdmin;
  citizens: CitizenAdmin;
  logger: Logger;
}

/** Paging of a list: `limit` (1–200, default 50) and `offset`; the response says how many there are in all. */
export const pagingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const staffListQuery = pagingQuery.extend({ active: z.enum(['true', 'false']).optional() });
const handOverBody = z.object({ toStaffId: z.string().uuid('must be a staff id') });
const createTokenBody = z.object({ staffId: z.string().uuid('must be a staff id') });

/** Staff and citizen administration over JSON: the same services and rules as the console's coordinator pages. */
export function registerPeopleRoutes(server: Server, deps: PeopleRoutesDeps): void {
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  server.post('/api/admin/caseworkers', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    return { status: 201, body: await deps.staff.create(principal, parseBody(createStaffBody, req.body)) };
  }));

  server.post('/api/admin/tokens', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const { staffId } = parseBody(createTokenBody, req.body);
    return { status: 201, body: { token: await deps.staff.issueApiToken(principal, staffId), staffId } };
  }));

  server.get('/api/admin/staff', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const query = parseBody(staffListQuery, req.query);
    const all = await deps.staff.list(principal, query.active === undefined ? {} : { active: query.active === 'true' });
    return { status: 200, body: { total: all.length, limit: query.limit, offset: query.offset, items: all.slice(query.offset, query.offset + query.limit) } };
  }));

  server.get('/api/admin/staff/:id', route(async (req, principal) => {
    const id = pathId(req);
    if (principal.role !== 'COORDINATOR' && principal.staffId !== id) requireRole(principal, 'COORDINATOR');
    const staff = await deps.staff.get(principal, id);
    return { status: 200, body: { ...staff, openAlerts: await deps.staff.openAlertsOf(principal, id) } };
  }));

  server.patch('/api/admin/staff/:id', route(async (req, principal) => {
    const id = pathId(req);
    return { status: 200, body: await deps.staff.update(principal, id, parseBody(staffPatchBody, req.body)) };
  }));

  server.post('/api/admin/staff/:id/handover', route(async (req, principal) => {
    const { toStaffId } = parseBody(handOverBody, req.body);
    return { status: 200, body: { handedOver: await deps.staff.handOver(principal, pathId(req), toStaffId) } };
  }));

  server.get('/api/admin/citizens', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR', 'CASEWORKER');
    const query = parseBody(citizenListQuery, req.query);
    // A caseworker lists their own caseload; coordinators list anyone's.
    const scoped = principal.role === 'CASEWORKER' ? { ...query, caseworkerId: principal.staffId ?? '' } : query;
    const { total, items } = await deps.citizens.list(principal, scoped);
    return { status: 200, body: { total, limit: query.limit, offset: query.offset, items } };
  }));

  server.patch('/api/admin/citizens/:id', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    const id = pathId(req);
    return { status: 200, body: await deps.citizens.update(principal, id, parseBody(citizenPatchBody, req.body)) };
  }));
}
