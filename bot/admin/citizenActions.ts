import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Principal } from '../../domain/access.js';
import type { ConversationThreads } from '../alerts/threads.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';
import type { EnrollmentService } from '../people/enrollmentService.js';
import { type CitizenSchedule, readCitizenSchedule } from '../reminders/citizenSchedule.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import { audit, citizenFor } from './citizenAccess.js';

/** Factor F with an optional note: the same rules for the JSON API and the console's form. */
export const assessmentBody = z.object({
  score: z.coerce.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5'),
  note: z.string().trim().max(2000).optional(),
});

/** What a schedule change may hold, beyond the stored overrides: an ad-hoc check-in at a time. */
export type ScheduleChange = Partial<Pick<CitizenSchedule, 'checkInCadence' | 'pulseCadence' | 'paused'>> & { silenced?: false; nextCheckInAt?: Date };

/**
 * Applies a change to a citizen's reminders in one transaction: a new cadence replans from the last due time,
 * pausing cancels what is pending, an ad-hoc check-in is planned at its time. Shared by the API and the console.
 */
export async function changeSchedule(prisma: PrismaClient, citizen: { id: string; schedule: unknown }, change: ScheduleChange): Promise<void> {
  const { nextCheckInAt, ...changes } = change;
  const current = readCitizenSchedule(citizen.schedule);
  await prisma.$transaction(async (tx) => {
    await tx.citizen.update({ where: { id: citizen.id }, data: { schedule: { ...current, ...changes } } });
    const cancelKinds = [...(changes.checkInCadence ? ['checkIn'] : []), ...(changes.pulseCadence ? ['pulse'] : [])];
    if (changes.paused) await tx.reminder.updateMany({ where: { citizenId: citizen.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    else if (cancelKinds.length) await tx.reminder.updateMany({ where: { citizenId: citizen.id, status: 'PENDING', kind: { in: cancelKinds } }, data: { status: 'CANCELLED' } });
    if (nextCheckInAt) await tx.reminder.create({ data: { citizenId: citizen.id, kind: 'checkIn', dueAt: nextCheckInAt, payload: { adHoc: true } } });
  });
}

/** What staff do for one citizen from the console; each authorised as the API authorises it, and audited. */
export class CitizenActions {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly enrollment: EnrollmentService,
    private readonly threads: Pick<ConversationThreads, 'sendStaffMessage' | 'open'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes into the citizen's chat; continues the open conversation, if there is one, so the answer comes back to it. */
  async write(principal: Principal, citizenId: string, text: string): Promise<{ citizenName: string }> {
    const citizen = await citizenFor(this.prisma, principal, citizenId);
    const reachable = await this.prisma.channelIdentity.count({ where: { citizenId: citizen.id } });
    if (reachable === 0) throw new AppError('BAD_REQUEST', { text: 'notReachable' });
    const open = await this.threads.open(citizen.id);
    return this.threads.sendStaffMessage({ principal, citizenId: citizen.id, text, ...(open ? { alertId: open.alertId } : {}) });
  }

  /** An ad-hoc check-in at a wall-clock time as typed ("2026-11-27T10:00"), read in the organisation's time zone. */
  async scheduleCheckIn(principal: Principal, citizenId: string, localTime: string): Promise<void> {
    const citizen = await citizenFor(this.prisma, principal, citizenId);
    const { timeZone } = (await readOrganisationSettings(this.prisma, citizen.organisationId)).businessHours;
    const at = DateTime.fromISO(localTime, { zone: timeZone });
    if (!at.isValid || at.toMillis() <= this.now().getTime()) throw new AppError('BAD_REQUEST', { at: 'must be a time in the future' });
    await this.changed(principal, citizenId, { nextCheckInAt: at.toJSDate() });
  }

  async setPaused(principal: Principal, citizenId: string, paused: boolean): Promise<void> {
    await this.changed(principal, citizenId, { paused });
  }

  async liftSilence(principal: Principal, citizenId: string): Promise<void> {
    await this.changed(principal, citizenId, { silenced: false });
  }

  /** Factor F is someone's professional judgement: the bootstrap token (nobody) cannot give it. */
  async assess(principal: Principal, citizenId: string, input: z.infer<typeof assessmentBody>): Promise<{ id: string; score: number; at: Date }> {
    const citizen = await citizenFor(this.prisma, principal, citizenId);
    // The bootstrap token is nobody in particular; an assessment must be someone's professional judgement.
    if (!principal.staffId) throw new AppError('FORBIDDEN');
    const assessment = await this.prisma.assessment.create({ data: { citizenId: citizen.id, staffId: principal.staffId, score: input.score, note: input.note || null } });
    await audit(this.prisma, principal, 'assessment.recorded', 'Citizen', citizen.id);
    return { id: assessment.id, score: assessment.score, at: assessment.at };
  }

  /** A fresh one-time code and what the letter needs; the code is shown once and only its hash is kept. */
  async issueCode(principal: Principal, citizenId: string) {
    const citizen = await citizenFor(this.prisma, principal, citizenId);
    const code = await this.enrollment.issue({ citizenId: citizen.id });
    await audit(this.prisma, principal, 'enrollment.code-issued', 'Citizen', citizen.id);
    const [issued, caseworker, settings] = await Promise.all([
      this.prisma.enrollmentCode.findFirstOrThrow({ where: { citizenId: citizen.id }, orderBy: { createdAt: 'desc' }, select: { expiresAt: true } }),
      this.prisma.staff.findUniqueOrThrow({ where: { id: citizen.caseworkerId }, select: { name: true } }),
      readOrganisationSettings(this.prisma, citizen.organisationId),
    ]);
    return {
      code,
      expiresAt: issued.expiresAt,
      citizenName: citizen.displayName,
      caseworkerName: caseworker.name,
      locale: citizen.locale,
      timeZone: settings.businessHours.timeZone,
    };
  }

  private async changed(principal: Principal, citizenId: string, change: ScheduleChange): Promise<void> {
    const citizen = await citizenFor(this.prisma, principal, citizenId);
    await changeSchedule(this.prisma, citizen, change);
    await audit(this.prisma, principal, 'schedule.changed', 'Citizen', citizen.id);
  }
}
