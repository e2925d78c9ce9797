import type { Server } from 'restify';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { AppError } from '../errors.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import type { SettingsUpdates } from '../settings/settingsUpdates.js';
import { staffRoute } from './jsonRoute.js';
import { requireRole, type StaffAuthenticator } from './staffAuth.js';

export interface SettingsRoutesDeps {
  prisma: PrismaClient;
  auth: StaffAuthenticator;
  logger: Logger;
  /** Validates, saves and audits changes, and tells running parts (crisis contacts) so they apply without a restart. */
  updates: SettingsUpdates;
}

/** Organisation settings: coordinators read and change them; every change is validated and audited. */
export function registerSettingsRoutes(server: Server, deps: SettingsRoutesDeps): void {
  const { prisma } = deps;
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  server.get('/api/admin/settings', route(async (_req, principal) => {
    requireRole(principal, 'COORDINATOR');
    return { status: 200, body: await readOrganisationSettings(prisma, principal.organisationId) };
  }));

  server.put('/api/admin/settings', route(async (req, principal) => {
    requireRole(principal, 'COORDINATOR');
    // A partial update at every depth: only the fields sent change (see applySettingsPatch).
    const result = await deps.updates.update(principal, req.body ?? {});
    if (!result.ok) throw new AppError('BAD_REQUEST', Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message])));
    return { status: 200, body: result.settings };
  }));
}
