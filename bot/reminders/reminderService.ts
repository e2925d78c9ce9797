import type { ConversationReference } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { reminderCard } from '../../cards/reminderCard.js';
import { todayIn } from '../../domain/dates.js';
import {
  morningOf,
  needsOutreach,
  nextAllowedTime,
  nextOccurrence,
  type TimingRules,
} from '../../domain/reminders.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../domain/retry.js';
import type { CaseworkerAlerts } from '../../dialogs/services.js';
import { resolveLocale, translator } from '../../locales/i18n.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { Logger } from '../logger.js';
import { DeliveryError, type ProactiveMessenger } from '../messaging/proactiveMessenger.js';
import { readOrganisationSettings, type OrganisationSettings } from '../settings/organisationSettings.js';
import { readCitizenSchedule, timingRulesFor } from './citizenSchedule.js';
import type { Pacer } from './pacer.js';

export type ReminderKind = 'checkIn' | 'pulse' | 'step';

const LEASE_MS = 120_000;
/** Claimed at a time, all sent at once: a crash re-sends at most this many (at-least-once, see README "Reliability"). */
const CONCURRENT_SENDS = 16;

interface ClaimedReminder {
  id: string;
  citizenId: string;
  kind: ReminderKind;
  dueAt: Date;
  attempts: number;
  payload: { adHoc?: boolean; stepId?: string; stepText?: string };
}

interface PlannedReminder {
  citizenId: string;
  kind: ReminderKind;
  dueAt: Date;
  payload?: { stepId: string; stepText: string };
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

interface CitizenContext {
  id: string;
  displayName: string;
  locale: string;
  timeZone: string;
  contactWindow: unknown;
  schedule: unknown;
  organisationId: string;
  caseworkerId: string;
}

/**
 * Reminders live in the database: what is due is read from it on every tick,
 * never held in timers. Each due reminder is claimed with a lease in one
 * statement (FOR UPDATE SKIP LOCKED), so several instances never send the same
 * one; a crash after claiming means one retry after the lease, not a loss.
 */
export class ReminderService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly messenger: ProactiveMessenger,
    private readonly alerts: CaseworkerAlerts,
    private readonly pacer: Pacer,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly random: () => number = Math.random,
  ) {}

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

  /** One tick: make sure everyone has their next reminders, then send what is due. */
  async tick(): Promise<{ planned: number; sent: number }> {
    this.settingsCache.clear();
    const planned = (await this.planRecurring('checkIn')) + (await this.planRecurring('pulse')) + (await this.planSteps());
    let sent = 0;
    for (;;) {
      const batch = await this.dispatchBatch();
      sent += batch.sent;
      if (batch.claimed < CONCURRENT_SENDS) break;
    }
    return { planned, sent };
  }

  private timing(citizen: CitizenContext, settings: OrganisationSettings): TimingRules {
    return timingRulesFor(citizen, settings);
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
      rows.push({ citizenId: citizen.id, kind, dueAt: nextAllowedTime(due, this.timing(citizen, settings)) });
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

  /** A reminder at 09:00 local on each open small step's due date, from today on. */
  private async planSteps(): Promise<number> {
    const steps = await this.prisma.$queryRaw<Array<{ id: string; text: string; dueDate: Date; citizenId: string }>>`
      SELECT s.id, s.text, s."dueDate", g."citizenId" FROM "SubGoal" s JOIN "Goal" g ON g.id = s."goalId" JOIN "Citizen" c ON c.id = g."citizenId"
      WHERE s.status = 'OPEN' AND s."dueDate" >= CURRENT_DATE - 1 AND c.status = 'ACTIVE' AND c."restrictedAt" IS NULL
        AND COALESCE((c.schedule->>'paused')::boolean, false) = false
        AND NOT EXISTS (SELECT 1 FROM "Reminder" m WHERE m.kind = 'step' AND m.payload->>'stepId' = s.id)
      LIMIT 1000`;
    const now = this.now();
    let planned = 0;
    for (const step of steps) {
      const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: step.citizenId } });
      const dueDate = step.dueDate.toISOString().slice(0, 10);
      if (dueDate < todayIn(citizen.timeZone, now)) continue;
      const settings = await this.settingsOf(citizen.organisationId);
      const dueAt = nextAllowedTime(morningOf(dueDate, citizen.timeZone), this.timing(citizen, settings));
      planned += await insertPlanned(this.prisma, [{ citizenId: citizen.id, kind: 'step', dueAt, payload: { stepId: step.id, stepText: step.text } }]);
    }
    return planned;
  }

  private async dispatchBatch(): Promise<{ claimed: number; sent: number }> {
    const now = this.now();
    const claimed = await this.prisma.$queryRaw<ClaimedReminder[]>`
      UPDATE "Reminder" SET status = 'CLAIMED', "leaseUntil" = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "Reminder"
        WHERE (status = 'PENDING' AND "dueAt" <= ${now}) OR (status = 'CLAIMED' AND "leaseUntil" < ${now})
        ORDER BY "dueAt" LIMIT ${CONCURRENT_SENDS}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, "citizenId", kind, "dueAt", attempts, payload`;
    // Sends overlap (they wait on the channel); the pacer keeps the rate within the channel's limits.
    const outcomes = await Promise.all(claimed.map((reminder) => this.deliver(reminder)));
    return { claimed: claimed.length, sent: outcomes.filter(Boolean).length };
  }

  private async deliver(reminder: ClaimedReminder): Promise<boolean> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({
      where: { id: reminder.citizenId },
      include: {
        consents: { orderBy: { at: 'desc' }, take: 1 },
        identities: { where: { unreachableSince: null }, orderBy: { updatedAt: 'desc' }, take: 1 },
      },
    });
    const settings = await this.settingsOf(citizen.organisationId);
    const schedule = readCitizenSchedule(citizen.schedule);
    const consent = citizen.consents[0];
    // Restricted processing (GDPR Art. 18) means no reminders, like a withdrawn consent.
    if (citizen.status !== 'ACTIVE' || citizen.restrictedAt || schedule.paused || schedule.silenced || consent?.decision !== 'ACCEPTED') {
      await this.prisma.reminder.update({ where: { id: reminder.id }, data: { status: 'CANCELLED', leaseUntil: null } });
      return false;
    }
    // Caught up after downtime in the middle of the night? Then it waits for the morning, once.
    const allowed = nextAllowedTime(this.now(), this.timing(citizen, settings));
    if (!reminder.payload.adHoc && allowed.getTime() - this.now().getTime() > 60_000) {
      await this.prisma.reminder.update({ where: { id: reminder.id }, data: { status: 'PENDING', dueAt: allowed, leaseUntil: null, attempts: { decrement: 1 } } });
      return false;
    }
    const identity = citizen.identities[0];
    if (!identity) return this.failUnreachable(reminder, citizen, undefined);

    try {
      await this.pacer.take();
      await this.messenger.send(identity.conversationReference as Partial<ConversationReference>, this.activity(reminder, citizen));
    } catch (caught) {
      const error = caught instanceof DeliveryError ? caught : new DeliveryError('retryable');
      if (error.kind === 'unreachable') {
        await this.prisma.channelIdentity.update({ where: { id: identity.id }, data: { unreachableSince: this.now() } });
        return this.failUnreachable(reminder, citizen, error.statusCode);
      }
      const delay = error.kind === 'retryable' ? retryDelayMs(reminder.attempts, DEFAULT_RETRY_POLICY, this.random, error.retryAfterMs) : undefined;
      await this.prisma.$transaction([
        this.prisma.reminderAttempt.create({ data: { reminderId: reminder.id, outcome: delay === undefined ? 'failed' : 'retrying', status: error.statusCode ?? null } }),
        this.prisma.reminder.update({
          where: { id: reminder.id },
          data: delay === undefined ? { status: 'FAILED', leaseUntil: null } : { status: 'PENDING', dueAt: new Date(this.now().getTime() + delay), leaseUntil: null },
        }),
      ]);
      return false;
    }

    await this.prisma.$transaction(async (tx) => {
      await tx.reminderAttempt.create({ data: { reminderId: reminder.id, outcome: 'delivered' } });
      await tx.reminder.update({ where: { id: reminder.id }, data: { status: 'SENT', sentAt: this.now(), leaseUntil: null } });
      if (reminder.kind !== 'step' && !reminder.payload.adHoc) {
        const every = reminder.kind === 'checkIn' ? (schedule.checkInCadence ?? settings.reminders.checkInCadence) : (schedule.pulseCadence ?? settings.reminders.pulseCadence);
        const next = nextAllowedTime(nextOccurrence(reminder.dueAt, every, this.now(), citizen.timeZone), this.timing(citizen, settings));
        await insertPlanned(tx, [{ citizenId: citizen.id, kind: reminder.kind, dueAt: next }]);
      }
    });
    await this.checkSilence(citizen, settings.reminders.nonResponseThreshold);
    return true;
  }

  private activity(reminder: ClaimedReminder, citizen: CitizenContext) {
    const t = translator(resolveLocale(citizen.locale));
    const text = t(`reminder.${reminder.kind}`, { name: citizen.displayName, step: reminder.payload.stepText ?? '' });
    const message = MessageFactory.attachment(
      reminderCard(text, reminder.id, { now: t('reminder.now'), tomorrow: t('reminder.tomorrow'), later: t('reminder.later'), notNow: t('reminder.notNow') }),
    );
    message.text = `${text}\n\n${t('reminder.howToAnswer')}`;
    return message;
  }

  private async failUnreachable(reminder: ClaimedReminder, citizen: CitizenContext, status: number | undefined): Promise<false> {
    await this.prisma.$transaction([
      this.prisma.reminderAttempt.create({ data: { reminderId: reminder.id, outcome: 'unreachable', status: status ?? null } }),
      this.prisma.reminder.update({ where: { id: reminder.id }, data: { status: 'FAILED', leaseUntil: null } }),
    ]);
    // The citizen cannot be reached in the chat any more (removed or blocked the bot): a person must try another way.
    await this.alerts.raise({ citizenId: citizen.id, kind: 'unreachable', severity: 'NORMAL', facts: { reminderKind: reminder.kind, status: status ?? null } });
    return false;
  }

  /** After N reminders in a row without any reaction, stop nagging and ask the caseworker to reach out. */
  private async checkSilence(citizen: CitizenContext, threshold: number): Promise<void> {
    const recent = await this.prisma.reminder.findMany({
      where: { citizenId: citizen.id, status: { in: ['SENT', 'ANSWERED'] } },
      orderBy: { sentAt: 'desc' },
      take: threshold,
      select: { answeredAt: true, status: true },
    });
    const unanswered = recent.filter((reminder) => reminder.status === 'SENT' && reminder.answeredAt === null).length;
    if (recent.length < threshold || !needsOutreach(unanswered, threshold)) return;
    // Only the delivery that actually flips the flag raises the alert, however many finish at once.
    const flipped = await this.prisma.$transaction(async (tx) => {
      const changed = await tx.$executeRaw`
        UPDATE "Citizen" SET schedule = jsonb_set(schedule, '{silenced}', 'true'::jsonb)
        WHERE id = ${citizen.id} AND COALESCE((schedule->>'silenced')::boolean, false) = false`;
      if (changed === 1) await tx.reminder.updateMany({ where: { citizenId: citizen.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
      return changed === 1;
    });
    if (!flipped) return;
    await this.alerts.raise({ citizenId: citizen.id, kind: 'outreach', severity: 'NORMAL', facts: { unansweredReminders: unanswered } });
  }
}
