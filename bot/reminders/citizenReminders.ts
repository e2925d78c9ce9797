import { describeDue } from '../../domain/dueWords.js';
import { nextAllowedTime, postponedUntil, type ReminderReply } from '../../domain/reminders.js';
import type { PendingReminder, ReminderResponses } from '../../dialogs/services.js';
import { resolveLocale } from '../../locales/i18n.js';
import type { Sql } from '../data/database.js';
import type { PrismaClient } from '../data/generated/client.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import { readCitizenSchedule, timingRulesFor } from './citizenSchedule.js';
import type { ReminderKind } from './reminderService.js';

/** The citizen's side of reminders: answering, postponing, pausing, and any message counting as a reaction. */
export class CitizenReminders implements ReminderResponses {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async pendingFor(citizenId: string): Promise<PendingReminder | undefined> {
    const reminder = await this.prisma.reminder.findFirst({
      where: { citizenId, status: 'SENT', sentAt: { gt: new Date(this.now().getTime() - 2 * 86_400_000) } },
      orderBy: { sentAt: 'desc' },
    });
    return reminder ? { reminderId: reminder.id, kind: reminder.kind as ReminderKind } : undefined;
  }

  async respond(citizenId: string, reminderId: string, reply: ReminderReply): Promise<{ until?: string }> {
    const reminder = await this.prisma.reminder.findFirst({ where: { id: reminderId, citizenId } });
    if (!reminder) return {};
    const now = this.now();
    await this.prisma.reminder.update({ where: { id: reminder.id }, data: { status: 'ANSWERED', answeredAt: now } });
    if (reply !== 'tomorrow' && reply !== 'later') return {};
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    const settings = await readOrganisationSettings(this.prisma, citizen.organisationId);
    const dueAt = nextAllowedTime(postponedUntil(reply, now, citizen.timeZone), timingRulesFor(citizen, settings));
    await this.prisma.reminder.create({ data: { citizenId, kind: reminder.kind, dueAt, payload: { ...(reminder.payload as object), adHoc: true, postponedFrom: reminder.id } } });
    return { until: describeDue(dueAt, now, citizen.timeZone, resolveLocale(citizen.locale)) };
  }

  /** Any message from the citizen is a reaction: it answers what was sent and lifts a silence. One statement, every turn. */
  async noteActivity(citizenId: string): Promise<void> {
    await this.sql.query(
      `WITH answered AS (
         UPDATE "Reminder" SET "answeredAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE "citizenId" = $1 AND status = 'SENT' AND "answeredAt" IS NULL
       )
       UPDATE "Citizen" SET schedule = jsonb_set(schedule, '{silenced}', 'false'::jsonb)
       WHERE id = $1 AND COALESCE((schedule->>'silenced')::boolean, false)`,
      [citizenId, this.now()],
    );
  }

  async setPaused(citizenId: string, paused: boolean): Promise<void> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    await this.prisma.$transaction([
      this.prisma.citizen.update({ where: { id: citizenId }, data: { schedule: { ...readCitizenSchedule(citizen.schedule), paused } } }),
      ...(paused ? [this.prisma.reminder.updateMany({ where: { citizenId, status: 'PENDING' }, data: { status: 'CANCELLED' } })] : []),
    ]);
  }

  async isPaused(citizenId: string): Promise<boolean> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId }, select: { schedule: true } });
    return readCitizenSchedule(citizen.schedule).paused === true;
  }

  async nextFor(citizenId: string): Promise<Date | undefined> {
    return (await this.prisma.reminder.findFirst({ where: { citizenId, status: 'PENDING' }, orderBy: { dueAt: 'asc' } }))?.dueAt;
  }
}
