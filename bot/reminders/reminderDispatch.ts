import type { ConversationReference } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { type ReminderButton, reminderCard } from '../../cards/reminderCard.js';
import { decideDispatch } from '../../domain/reminderDispatch.js';
import { needsOutreach, nextAllowedTime, nextOccurrence, type TimingRules } from '../../domain/reminders.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../domain/retry.js';
import type { CaseworkerAlerts } from '../../dialogs/services.js';
import { type Locale, resolveLocale, translator } from '../../locales/i18n.js';
import type { PrismaClient } from '../data/generated/client.js';
import { DeliveryError, type ProactiveMessenger } from '../messaging/proactiveMessenger.js';
import type { OrganisationSettings } from '../settings/organisationSettings.js';
import { readCitizenSchedule, timingRulesFor } from './citizenSchedule.js';
import type { Pacer } from './pacer.js';

export type ReminderKind = 'checkIn' | 'pulse' | 'step';

const LEASE_MS = 120_000;
/**
 * Lanes claim, send and record independently, so one lane's claim overlaps the other's sends.
 * Each claims a batch of one second of the pacer's sends (16…128): a crash re-sends at most
 * LANES × batch reminders (at-least-once, see README "Reliability").
 */
const LANES = 2;
const MIN_BATCH = 16;
const MAX_BATCH = 128;

/** A claimed reminder with everything sending it needs, read in the claiming statement. */
interface ClaimedReminder {
  id: string;
  citizenId: string;
  kind: ReminderKind;
  dueAt: Date;
  attempts: number;
  payload: { adHoc?: boolean; stepId?: string };
  /** A step reminder's step, read where it lives (the reminder keeps no copy of the citizen's words). */
  stepText: string | null;
  citizenStatus: string;
  restrictedAt: Date | null;
  schedule: unknown;
  locale: string;
  timeZone: string;
  displayName: string;
  organisationId: string;
  contactWindow: unknown;
  consent: string | null;
  identityId: string | null;
  conversationReference: Partial<ConversationReference> | null;
}

function allowedFromNow(known: Map<string, Date>, now: Date, rules: TimingRules): Date {
  const key = JSON.stringify(rules);
  let allowed = known.get(key);
  if (!allowed) {
    allowed = nextAllowedTime(now, rules);
    known.set(key, allowed);
  }
  return allowed;
}

export interface DispatchDeps {
  prisma: PrismaClient;
  messenger: ProactiveMessenger;
  alerts: CaseworkerAlerts;
  pacer: Pacer;
  settingsOf: (organisationId: string) => Promise<OrganisationSettings>;
  now: () => Date;
  random: () => number;
  onDelivered: (count: number) => void;
}

/**
 * Sends what is due, set-based: one statement claims a batch (FOR UPDATE SKIP LOCKED, by the
 * (status, dueAt) index) together with each citizen's agreement and freshest reachable chat; the
 * batch is sent concurrently within the pacer; one statement records every delivery, its attempt
 * and the next occurrence. Nothing is held in memory beyond the batches in flight.
 */
export class ReminderDispatch {
  private readonly batchSize: number;

  constructor(private readonly deps: DispatchDeps) {
    this.batchSize = Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(deps.pacer.perSecond)));
  }

  /** Sends until nothing is due; returns how many were delivered. */
  async drain(): Promise<number> {
    const lanes = await Promise.all(Array.from({ length: LANES }, () => this.lane()));
    return lanes.reduce((a, b) => a + b, 0);
  }

  private async lane(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length > 0) sent += await this.deliver(batch);
      if (batch.length < this.batchSize) return sent;
    }
  }

  private claim(): Promise<ClaimedReminder[]> {
    const now = this.deps.now();
    const lease = new Date(now.getTime() + LEASE_MS);
    // Pending and lease-expired rows are claimed by separate index scans: an OR would read every due row each time.
    return this.deps.prisma.$queryRaw<ClaimedReminder[]>`
      WITH pending AS (
        UPDATE "Reminder" r SET status = 'CLAIMED', "leaseUntil" = ${lease}, attempts = r.attempts + 1
        FROM (SELECT id FROM "Reminder" WHERE status = 'PENDING' AND "dueAt" <= ${now} ORDER BY "dueAt" LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED) due
        WHERE r.id = due.id
        RETURNING r.id, r."citizenId", r.kind, r."dueAt", r.attempts, r.payload
      ), expired AS (
        UPDATE "Reminder" r SET "leaseUntil" = ${lease}, attempts = r.attempts + 1
        FROM (SELECT id FROM "Reminder" WHERE status = 'CLAIMED' AND "leaseUntil" < ${now} ORDER BY "dueAt" LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED) late
        WHERE r.id = late.id
        RETURNING r.id, r."citizenId", r.kind, r."dueAt", r.attempts, r.payload
      ), claimed AS (SELECT * FROM pending UNION ALL SELECT * FROM expired)
      SELECT c.*, (SELECT s.text FROM "SubGoal" s WHERE s.id = c.payload->>'stepId') AS "stepText", z.status::text AS "citizenStatus", z."restrictedAt", z.schedule, z.locale, z."timeZone", z."displayName",
        z."organisationId", z."contactWindow",
        (SELECT k.decision::text FROM "ConsentRecord" k WHERE k."citizenId" = c."citizenId" ORDER BY k.at DESC LIMIT 1) AS consent,
        i.id AS "identityId", i."conversationReference"
      FROM claimed c JOIN "Citizen" z ON z.id = c."citizenId"
      LEFT JOIN LATERAL (
        SELECT id, "conversationReference" FROM "ChannelIdentity"
        WHERE "citizenId" = c."citizenId" AND "unreachableSince" IS NULL ORDER BY "updatedAt" DESC LIMIT 1
      ) i ON true`;
  }

  /** Decides, sends and records one batch; returns how many were delivered. */
  private async deliver(batch: ClaimedReminder[]): Promise<number> {
    const now = this.deps.now();
    const cancelled: string[] = [];
    const deferred: Array<{ id: string; until: Date }> = [];
    const toSend: Array<{ reminder: ClaimedReminder; settings: OrganisationSettings }> = [];
    // Citizens of one organisation and time zone share their rules: the allowed minute is worked out once per rules in a batch.
    const allowedFrom = new Map<string, Date>();
    for (const reminder of batch) {
      const settings = await this.deps.settingsOf(reminder.organisationId);
      const schedule = readCitizenSchedule(reminder.schedule);
      const decision = decideDispatch({
        citizenActive: reminder.citizenStatus === 'ACTIVE',
        restricted: reminder.restrictedAt !== null,
        paused: schedule.paused === true,
        silenced: schedule.silenced === true,
        consentAccepted: reminder.consent === 'ACCEPTED',
        adHoc: reminder.payload.adHoc === true,
        hasReachableChat: reminder.conversationReference !== null,
        now,
        nextAllowed: allowedFromNow(allowedFrom, now, timingRulesFor(reminder, settings)),
      });
      if (decision.action === 'cancel') cancelled.push(reminder.id);
      else if (decision.action === 'defer') deferred.push({ id: reminder.id, until: decision.until });
      else if (decision.action === 'unreachable') await this.failUnreachable(reminder, undefined);
      else toSend.push({ reminder, settings });
    }
    await this.cancel(cancelled);
    await this.defer(deferred);
    // Sends overlap (they wait on the channel); the pacer keeps the rate within the channel's limits.
    const outcomes = await Promise.all(toSend.map(async (item) => ((await this.send(item.reminder)) ? item : undefined)));
    const delivered = outcomes.filter((item) => item !== undefined);
    await this.recordDelivered(delivered);
    this.deps.onDelivered(delivered.length);
    await this.checkSilence(delivered);
    return delivered.length;
  }

  private async cancel(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.deps.prisma.$executeRaw`UPDATE "Reminder" SET status = 'CANCELLED', "leaseUntil" = NULL WHERE id = ANY(${ids}::text[])`;
  }

  /** Back to pending at the next allowed minute; the claim does not count as an attempt. */
  private async defer(rows: Array<{ id: string; until: Date }>): Promise<void> {
    if (rows.length === 0) return;
    await this.deps.prisma.$executeRaw`
      UPDATE "Reminder" r SET status = 'PENDING', "dueAt" = d.until, "leaseUntil" = NULL, attempts = r.attempts - 1
      FROM unnest(${rows.map((row) => row.id)}::text[], ${rows.map((row) => row.until.toISOString())}::timestamp(3)[]) AS d(id, until)
      WHERE r.id = d.id`;
  }

  /** True when delivered; failures are recorded here (retry with backoff, or failed, or unreachable). */
  private async send(reminder: ClaimedReminder): Promise<boolean> {
    try {
      await this.deps.pacer.take();
      await this.deps.messenger.send(reminder.conversationReference ?? {}, this.activity(reminder));
      return true;
    } catch (caught) {
      const error = caught instanceof DeliveryError ? caught : new DeliveryError('retryable');
      const { prisma } = this.deps;
      if (error.kind === 'unreachable') {
        await prisma.channelIdentity.update({ where: { id: reminder.identityId as string }, data: { unreachableSince: this.deps.now() } });
        await this.failUnreachable(reminder, error.statusCode);
        return false;
      }
      const delay = error.kind === 'retryable' ? retryDelayMs(reminder.attempts, DEFAULT_RETRY_POLICY, this.deps.random, error.retryAfterMs) : undefined;
      await prisma.$transaction([
        prisma.reminderAttempt.create({ data: { reminderId: reminder.id, outcome: delay === undefined ? 'failed' : 'retrying', status: error.statusCode ?? null } }),
        prisma.reminder.update({
          where: { id: reminder.id },
          data: delay === undefined ? { status: 'FAILED', leaseUntil: null } : { status: 'PENDING', dueAt: new Date(this.deps.now().getTime() + delay), leaseUntil: null },
        }),
      ]);
      return false;
    }
  }

  /**
   * One statement: the batch marked sent, an attempt each, and each recurring reminder's next
   * occurrence. The successor joins the updated rows, so it is inserted only after its predecessor
   * left the pending set (the partial unique index would otherwise refuse it).
   */
  private async recordDelivered(delivered: Array<{ reminder: ClaimedReminder; settings: OrganisationSettings }>): Promise<void> {
    if (delivered.length === 0) return;
    const now = this.deps.now();
    const successors = delivered.flatMap(({ reminder, settings }) => {
      if (reminder.kind === 'step' || reminder.payload.adHoc) return [];
      const schedule = readCitizenSchedule(reminder.schedule);
      const every = reminder.kind === 'checkIn' ? (schedule.checkInCadence ?? settings.reminders.checkInCadence) : (schedule.pulseCadence ?? settings.reminders.pulseCadence);
      const due = nextAllowedTime(nextOccurrence(reminder.dueAt, every, now, reminder.timeZone), timingRulesFor(reminder, settings));
      return [{ previous: reminder.id, citizenId: reminder.citizenId, kind: reminder.kind, dueAt: due.toISOString() }];
    });
    await this.deps.prisma.$executeRaw`
      WITH done AS (
        UPDATE "Reminder" SET status = 'SENT', "sentAt" = ${now}, "leaseUntil" = NULL
        WHERE id = ANY(${delivered.map(({ reminder }) => reminder.id)}::text[]) RETURNING id
      ), logged AS (
        INSERT INTO "ReminderAttempt" (id, "reminderId", outcome, at) SELECT gen_random_uuid()::text, id, 'delivered', ${now} FROM done
      )
      INSERT INTO "Reminder" (id, "citizenId", kind, "dueAt", payload)
      SELECT gen_random_uuid()::text, next."citizenId", next.kind, next."dueAt", '{}'::jsonb
      FROM unnest(
        ${successors.map((s) => s.previous)}::text[], ${successors.map((s) => s.citizenId)}::text[],
        ${successors.map((s) => s.kind)}::text[], ${successors.map((s) => s.dueAt)}::timestamp(3)[]
      ) AS next(previous, "citizenId", kind, "dueAt")
      JOIN done ON done.id = next.previous
      ON CONFLICT DO NOTHING`;
  }

  /** The fixed texts of a reminder in one language, looked up once: a pulse sends thousands in a few languages. */
  private readonly fixedTexts = new Map<Locale, { labels: Record<ReminderButton, string>; howToAnswer: string }>();

  private activity(reminder: ClaimedReminder) {
    const locale = resolveLocale(reminder.locale);
    const t = translator(locale);
    let fixed = this.fixedTexts.get(locale);
    if (!fixed) {
      fixed = { labels: { now: t('reminder.now'), tomorrow: t('reminder.tomorrow'), later: t('reminder.later'), notNow: t('reminder.notNow') }, howToAnswer: t('reminder.howToAnswer') };
      this.fixedTexts.set(locale, fixed);
    }
    const text = t(`reminder.${reminder.kind}`, { name: reminder.displayName, step: reminder.stepText ?? '' });
    const message = MessageFactory.attachment(reminderCard(text, reminder.id, fixed.labels));
    message.text = `${text}\n\n${fixed.howToAnswer}`;
    return message;
  }

  private async failUnreachable(reminder: ClaimedReminder, status: number | undefined): Promise<void> {
    const { prisma } = this.deps;
    await prisma.$transaction([
      prisma.reminderAttempt.create({ data: { reminderId: reminder.id, outcome: 'unreachable', status: status ?? null } }),
      prisma.reminder.update({ where: { id: reminder.id }, data: { status: 'FAILED', leaseUntil: null } }),
    ]);
    // The citizen cannot be reached in the chat any more (removed or blocked the bot): a person must try another way.
    await this.deps.alerts.raise({ citizenId: reminder.citizenId, kind: 'unreachable', severity: 'NORMAL', facts: { reminderKind: reminder.kind, status: status ?? null } });
  }

  /** After N reminders in a row without any reaction, stop nagging and ask the caseworker to reach out. */
  private async checkSilence(delivered: Array<{ reminder: ClaimedReminder; settings: OrganisationSettings }>): Promise<void> {
    if (delivered.length === 0) return;
    const thresholds = new Map(delivered.map(({ reminder, settings }) => [reminder.citizenId, settings.reminders.nonResponseThreshold]));
    // Each citizen's latest N sent reminders, counted in one statement for the whole batch.
    const recent = await this.deps.prisma.$queryRaw<Array<{ citizenId: string; threshold: number; recent: number; unanswered: number }>>`
      SELECT t.id AS "citizenId", t.threshold, count(*)::int AS recent,
        (count(*) FILTER (WHERE r.status = 'SENT' AND r."answeredAt" IS NULL))::int AS unanswered
      FROM unnest(${[...thresholds.keys()]}::text[], ${[...thresholds.values()]}::int[]) AS t(id, threshold)
      CROSS JOIN LATERAL (
        SELECT status, "answeredAt" FROM "Reminder" WHERE "citizenId" = t.id AND status IN ('SENT', 'ANSWERED') ORDER BY "sentAt" DESC LIMIT t.threshold
      ) r
      GROUP BY t.id, t.threshold`;
    for (const row of recent) {
      if (row.recent >= row.threshold && needsOutreach(row.unanswered, row.threshold)) await this.silence(row.citizenId, row.unanswered);
    }
  }

  private async silence(citizenId: string, unanswered: number): Promise<void> {
    // Only the delivery that actually flips the flag raises the alert, however many finish at once.
    const flipped = await this.deps.prisma.$transaction(async (tx) => {
      const changed = await tx.$executeRaw`
        UPDATE "Citizen" SET schedule = jsonb_set(schedule, '{silenced}', 'true'::jsonb)
        WHERE id = ${citizenId} AND COALESCE((schedule->>'silenced')::boolean, false) = false`;
      if (changed === 1) await tx.reminder.updateMany({ where: { citizenId, status: 'PENDING' }, data: { status: 'CANCELLED' } });
      return changed === 1;
    });
    if (!flipped) return;
    await this.deps.alerts.raise({ citizenId, kind: 'outreach', severity: 'NORMAL', facts: { unansweredReminders: unanswered } });
  }
}
