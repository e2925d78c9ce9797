import { DateTime } from 'luxon';

/**
 * How long each kind of data is kept, and why (the reasoning is in docs/privacy.md, "Retention"). Months count
 * from the moment named for each kind; every value is configurable (RETENTION_* in .env.example).
 */
export interface RetentionPolicy {
  /** Web-chat transcripts (embedded Direct Line activities), from when they were written. */
  chatMonths: number;
  /** The citizen's words and staff replies on an alert, from when the alert was resolved. */
  alertTextMonths: number;
  /** Everything about a citizen, from when their course of support ended. */
  endedCitizenMonths: number;
  /** Reminders that are over (sent, answered, cancelled, failed) and their attempts, from when they were due. */
  reminderMonths: number;
  /** Access-log rows, from the read. */
  accessLogMonths: number;
  /** Delivered or given-up outbox messages (they carry reply texts), from creation. */
  outboxDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  chatMonths: 6,
  alertTextMonths: 12,
  endedCitizenMonths: 12,
  reminderMonths: 6,
  accessLogMonths: 24,
  outboxDays: 30,
};

export const RETENTION_KINDS = ['chat', 'alertText', 'endedCitizen', 'reminder', 'accessLog', 'outbox', 'exportLink', 'enrollmentAttempt'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Links and wrong-code counters are only ever needed for hours; a day is ample. */
const SHORT_LIVED_DAYS = 1;

/**
 * For each kind, the moment before which its data has expired: a row whose reference time (see RetentionPolicy)
 * is strictly earlier is deleted. Calendar months in Copenhagen time, so "6 months" is the same day six months ago.
 */
export function retentionCutoffs(policy: RetentionPolicy, now: Date, timeZone = 'Europe/Copenhagen'): Record<RetentionKind, Date> {
  const at = DateTime.fromJSDate(now, { zone: timeZone });
  const months = (count: number) => at.minus({ months: count }).toJSDate();
  const days = (count: number) => at.minus({ days: count }).toJSDate();
  return {
    chat: months(policy.chatMonths),
    alertText: months(policy.alertTextMonths),
    endedCitizen: months(policy.endedCitizenMonths),
    reminder: months(policy.reminderMonths),
    accessLog: months(policy.accessLogMonths),
    outbox: days(policy.outboxDays),
    exportLink: days(SHORT_LIVED_DAYS),
    enrollmentAttempt: days(SHORT_LIVED_DAYS),
  };
}

/** Has a row of this kind, with this reference time, expired? (The job's SQL applies the same rule in bulk.) */
export function hasExpired(kind: RetentionKind, referenceTime: Date | null, policy: RetentionPolicy, now: Date): boolean {
  return referenceTime !== null && referenceTime.getTime() < retentionCutoffs(policy, now)[kind].getTime();
}
