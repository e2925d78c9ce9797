import type { Server } from 'restify';
import { z } from 'zod';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { citizenScheduleSchema, readCitizenSchedule } from '../reminders/citizenSchedule.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import { audit, citizenFor } from './citizenAccess.js';
import { changeSchedule } from './citizenActions.js';
import { parseBody, pathId, staffRoute } from './jsonRoute.js';
import type { StaffAuthenticator } from './staffAuth.js';

export interface ScheduleRoutesDeps {
  prisma: PrismaClient;
  auth: StaffAuthenticator;
  logger: Logger;
}

const scheduleBody = citizenScheduleSchema
  .pick({ checkInCadence: true, pulseCadence: true, paused: true })
  .extend({
    /** An ad-hoc check-in at this time (ISO 8601 with offset). */
    nextCheckInAt: z.iso.datetime({ offset: true }).optional(),
    /** false lifts the silence after unanswered reminders. */
    silenced: z.literal(false).optional(),
  })
  .strict();

/** A citizen's reminders for their caseworker or a coordinator: cadence overrides, pause, ad-hoc check-ins. */
export function registerScheduleRoutes(server: Server, deps: ScheduleRoutesDeps): void {
  const { prisma } = deps;
  const route = (handler: Parameters<typeof staffRoute>[2]) => staffRoute(deps.auth, deps.logger, handler);

  const view = async (citizenId: string) => {
    const citizen = await prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    const { reminders } = await readOrganisationSettings(prisma, citizen.organisationId);
    const schedule = readCitizenSchedule(citizen.schedule);
    const pending = await prisma.reminder.findMany({ where: { citizenId, status: { in: ['PENDING', 'CLAIMED'] } }, orderBy: { dueAt: 'asc' } });
    return {
      schedule,
      effective: { checkInCadence: schedule.checkInCadence ?? reminders.checkInCadence, pulseCadence: schedule.pulseCadence ?? reminders.pulseCadence },
      contactWindow: citizen.contactWindow,
      pending: pending.map((reminder) => ({ id: reminder.id, kind: reminder.kind, dueAt: reminder.dueAt, adHoc: Boolean((reminder.payload as { adHoc?: boolean }).adHoc) })),
    };
  };

  server.get('/api/admin/citizens/:id/schedule', route(async (req, principal) => {
    const citizen = await citizenFor(prisma, principal, pathId(req));
    return { status: 200, body: await view(citizen.id) };
  }));

  server.put('/api/admin/citizens/:id/schedule', route(async (req, principal) => {
    const citizen = await citizenFor(prisma, principal, pathId(req));
    const { nextCheckInAt, ...changes } = parseBody(scheduleBody, req.body);
    await changeSchedule(prisma, citizen, { ...changes, ...(nextCheckInAt ? { nextCheckInAt: new Date(nextCheckInAt) } : {}) });
    await audit(prisma, principal, 'schedule.changed', 'Citizen', citizen.id);
    return { status: 200, body: await view(citizen.id) };
  }));
}
