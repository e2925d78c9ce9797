import { morningOf, nextAllowedTime, nextOccurrence } from '../../domain/reminders.js';
import type { CaseworkerAlerts } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { ProactiveMessenger } from '../messaging/proactiveMessenger.js';
import { readOrganisationSettings, type OrganisationSettings } from '../settings/organisationSettings.js';
import { readCitizenSchedule, timingRulesFor } from './citizenSchedule.js';
import type { Pacer } from './pacer.js';
import { ReminderDispatch, type ReminderKind } from './reminderDispatch.js';

export type { ReminderKind };

interface PlannedReminder {
  citizenId: string;
  kind: ReminderKind;
  dueAt: Date;
  payload?: { stepId: string };
}

/**
 * Inserts planned reminders unless the citizen already has one pending of that kind (or for that step).
 * The partial unique indexes of migration `hardening` make this exactly-once whichever instance plans,
 * however their ticks interleave. Returns how many were new.
 */
async function insertPlanned(db: Pick<PrismaClient, '$executeRaw'>, rows: PlannedReminder[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO "Reminder" (id, "citizenId", kind, "dueAt", payload)
    SELECT gen_random_uuid()::text, planned."citizenId", planned.kind, planned."dueAt", planned.payload
    FROM unnest(
      ${rows.map((row) => row.citizenId)}::text[],
      ${rows.map((row) => row.kind)}::text[],
      ${rows.map((row) => row.dueAt.toISOString())}::timestamp(3)[],
      ${rows.map((row) => JSON.stringify(row.payload ?? {}))}::jsonb[]
    ) AS planned("citizenId", kind, "dueAt", payload)
    ON CONFLICT DO NOTHING`;
}

/**
 * Reminders live in the database: what is due is read from it on every tick,
 * never held in timers. Due reminders are claimed with a lease (FOR UPDATE SKIP
 * LOCKED, see ReminderDispatch), so several instances never send the same one;
 * a crash after claiming means one retry after the lease, not a loss.
 */
export class ReminderService {
  private readonly dispatch: ReminderDispatch;

  constructor(
    private readonly prisma: PrismaClient,
    messenger: ProactiveMessenger,
    alerts: CaseworkerAlerts,
    pacer: Pacer,
    private readonly now: () => Date = () => new Date(),
    random: () => number = Math.random,
    /** Told how many were delivered, batch by batch (the reminders-sent metric). */
    onDelivered: (count: number) => void = () => {},
  ) {
    this.dispatch = new ReminderDispatch({ prisma, messenger, alerts, pacer, now, random, onDelivered, settingsOf: (id) => this.settingsOf(id) });
  }

  /** Organisation settings read once per tick, not once per reminder. */
  private settingsCache = new Map<string, Promise<OrganisationSettings>>();

  private settingsOf(organisationId: string): Promise<OrganisationSettings> {
    let settings = this.settingsCache.get(organisationId);
    if (!settings) {
      settings = readOrganisationSettings(this.prisma, organisationId);
      this.settingsCache.set(organisationId, settings);
    }
    return settings;
  }

  /**
   * One tick: send what is due first (a backlog starts going out at once, whatever planning costs),
   * then make sure everyone has their next reminders, and send what that planning made due.
   */
  async tick(): Promise<{ planned: number; sent: number }> {
    this.settingsCache.clear();
    let sent = await this.dispatch.drain();
    const planned = (await this.planRecurring('checkIn')) + (await this.planRecurring('pulse')) + (await this.planSteps());
    if (planned > 0) sent += await this.dispatch.drain();
    return { planned, sent };
  }

  /** Citizens who take reminders (active, agreed, not paused or silenced) and have none of this kind pending. */
  private async citizensWithout(kind: ReminderKind, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT c.id FROM "Citizen" c
      WHERE c.status = 'ACTIVE' AND c."restrictedAt" IS NULL
        AND (SELECT r.decision FROM "ConsentRecord" r WHERE r."citizenId" = c.id ORDER BY r.at DESC LIMIT 1) = 'ACCEPTED'
        AND COALESCE((c.schedule->>'paused')::boolean, false) = false
        AND COALESCE((c.schedule->>'silenced')::boolean, false) = false
        AND NOT EXISTS (SELECT 1 FROM "Reminder" m WHERE m."citizenId" = c.id AND m.kind = ${kind} AND m.status IN ('PENDING', 'CLAIMED'))
      LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  private async planRecurring(kind: 'checkIn' | 'pulse'): Promise<number> {
    const ids = await this.citizensWithout(kind, 1000);
    if (ids.length === 0) return 0;
    const now = this.now();
    const citizens = await this.prisma.citizen.findMany({ where: { id: { in: ids } } });
    const last = await this.lastDue(ids, kind);
    const rows: PlannedReminder[] = [];
    for (const citizen of citizens) {
      const settings = await this.settingsOf(citizen.organisationId);
      const schedule = readCitizenSchedule(citizen.schedule);
      const every = kind === 'checkIn' ? (schedule.checkInCadence ?? settings.reminders.checkInCadence) : (schedule.pulseCadence ?? settings.reminders.pulseCadence);
      const previous = last.get(citizen.id);
      // The first check-in comes the day after joining: a starting point to measure the small steps from.
      const due = previous ? nextOccurrence(previous, every, now, citizen.timeZone) : new Date(now.getTime() + 86_400_000);
      rows.push({ citizenId: citizen.id, kind, dueAt: nextAllowedTime(due, timingRulesFor(citizen, settings)) });
    }
    return insertPlanned(this.prisma, rows);
  }

  /** Per citizen, when the last reminder of a kind fell due; for check-ins also the last finished check-in, whichever is later. */
  private async lastDue(citizenIds: string[], kind: 'checkIn' | 'pulse'): Promise<Map<string, Date>> {
    const rows = await this.prisma.$queryRaw<Array<{ citizenId: string; at: Date }>>`
      SELECT "citizenId", max("dueAt") AS at FROM "Reminder"
      WHERE kind = ${kind} AND status IN ('SENT', 'ANSWERED') AND "citizenId" = ANY(${citizenIds})
      GROUP BY "citizenId"
      UNION ALL
      SELECT "citizenId", max("completedAt") AS at FROM "CheckIn"
      WHERE ${kind} = 'checkIn' AND "completedAt" IS NOT NULL AND "citizenId" = ANY(${citizenIds})
      GROUP BY "citizenId"`;
    const last = new Map<string, Date>();
    for (const row of rows) {
      const known = last.get(row.citizenId);
      if (!known || row.at > known) last.set(row.citizenId, row.at);
    }
    return last;
  }

  /** A reminder at 09:00 local on each open small step's due date, from the citizen's today on: one read, one insert. */
  private async planSteps(): Promise<number> {
    // "Today" is the citizen's own, in their time zone: a step due yesterday is never picked again.
    const steps = await this.prisma.$queryRaw<Array<{ id: string; dueDate: Date; citizenId: string; timeZone: string; contactWindow: unknown; organisationId: string }>>`
      SELECT s.id, s."dueDate", g."citizenId", c."timeZone", c."contactWindow", c."organisationId"
      FROM "SubGoal" s JOIN "Goal" g ON g.id = s."goalId" JOIN "Citizen" c ON c.id = g."citizenId"
      WHERE s.status = 'OPEN' AND s."dueDate" >= (${this.now().toISOString()}::timestamptz AT TIME ZONE c."timeZone")::date
        AND c.status = 'ACTIVE' AND c."restrictedAt" IS NULL
        AND COALESCE((c.schedule->>'paused')::boolean, false) = false
        AND NOT EXISTS (SELECT 1 FROM "Reminder" m WHERE m.kind = 'step' AND m.payload->>'stepId' = s.id)
      ORDER BY s."dueDate"
      LIMIT 1000`;
    const rows: PlannedReminder[] = [];
    for (const step of steps) {
      const settings = await this.settingsOf(step.organisationId);
      const dueAt = nextAllowedTime(morningOf(step.dueDate.toISOString().slice(0, 10), step.timeZone), timingRulesFor(step, settings));
      rows.push({ citizenId: step.citizenId, kind: 'step', dueAt, payload: { stepId: step.id } });
    }
    return insertPlanned(this.prisma, rows);
  }
}
