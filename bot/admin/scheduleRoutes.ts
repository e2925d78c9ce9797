import type { Server } from 'restify';
import { z } from 'zod';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { citizenScheduleSchema, readCitizenSchedule } from '../reminders/citizenSchedule.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import { audit, citizenFor } from './citizenAccess.js';
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
    const body = parseBody(scheduleBody, req.body);
    const current = readCitizenSchedule(citizen.schedule);
    const { nextCheckInAt, ...changes } = body;
    await prisma.$transaction(async (tx) => {
      await tx.citizen.update({ where: { id: citizen.id }, data: { schedule: { ...current, ...changes } } });
      // A new cadence replans from the last due time; pausing cancels what is pending.
      const cancelKinds = [...(changes.checkInCadence ? ['checkIn'] : []), ...(changes.pulseCadence ? ['pulse'] : [])];
      if (changes.paused) await tx.reminder.updateMany({ where: { citizenId: citizen.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
      else if (cancelKinds.length) await tx.reminder.updateMany({ where: { citizenId: citizen.id, status: 'PENDING', kind: { in: cancelKinds } }, data: { status: 'CANCELLED' } });
      if (nextCheckInAt) {
        await tx.reminder.create({ data: { citizenId: citizen.id, kind: 'checkIn', dueAt: new Date(nextCheckInAt), payload: { adHoc: true } } });
      }
    });
    await audit(prisma, principal, 'schedule.changed', 'Citizen', citizen.id);
    return { status: 200, body: await view(citizen.id) };
  }));
}
