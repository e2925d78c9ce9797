import type { Server } from 'restify';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { type OrganisationSettings, organisationSettingsSchema, readOrganisationSettings } from '../settings/organisationSettings.js';
import { parseBody, staffRoute } from './jsonRoute.js';
import { requireRole, type StaffAuthenticator } from './staffAuth.js';

export interface SettingsRoutesDeps {
  prisma: PrismaClient;
  auth: StaffAuthenticator;
  logger: Logger;
  /** Called after every change, so running parts (crisis contacts) apply it without a restart. */
  onChange: (settings: OrganisationSettings) => void;
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
    // A partial update: the fields sent replace the current ones, each validated as a whole.
    const parsed = parseBody(organisationSettingsSchema.partial().strict(), req.body);
    // zod fills defaults into fields that were not sent; only the sent ones are changes.
    const sent = Object.keys(req.body as object) as Array<keyof typeof parsed>;
    const changes = Object.fromEntries(sent.map((key) => [key, parsed[key]]));
    const current = await readOrganisationSettings(prisma, principal.organisationId);
    const next = parseBody(organisationSettingsSchema, { ...current, ...changes });
    await prisma.organisation.update({ where: { id: principal.organisationId }, data: { settings: next as object } });
    await prisma.auditLog.create({
      data: { actorStaffId: principal.staffId, action: 'settings.changed', entity: 'Organisation', entityId: principal.organisationId, detail: { fields: Object.keys(changes) } },
    });
    deps.onChange(next);
    return { status: 200, body: next };
  }));
}
