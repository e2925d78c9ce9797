import type { Severity } from './sla.js';

export interface AlertFacts {
  severity: Severity;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
  createdAt: Date;
  acknowledgedAt: Date | null;
  dueAt: Date;
  escalationLevel: number;
}

export interface SeverityMetrics {
  total: number;
  open: number;
  acknowledged: number;
  /** Median minutes from raised to acknowledged, over acknowledged alerts; null when none. */
  medianMinutesToAcknowledge: number | null;
  /** Share (0–1) of acknowledged alerts acknowledged within their first deadline; null when none. */
  withinSlaShare: number | null;
}

/**
 * Response-time figures per severity. An alert that escalated has by
 * definition missed its first deadline, so "within SLA" means acknowledged
 * before its due time without ever escalating.
 */
export function alertMetrics(alerts: readonly AlertFacts[]): Record<Severity, SeverityMetrics> {
  const result = {} as Record<Severity, SeverityMetrics>;
  for (const severity of ['CRISIS', 'URGENT', 'NORMAL'] as const) {
    const ofSeverity = alerts.filter((alert) => alert.severity === severity);
    const acknowledged = ofSeverity.filter((alert) => alert.acknowledgedAt !== null);
    const minutes = acknowledged
      .map((alert) => ((alert.acknowledgedAt as Date).getTime() - alert.createdAt.getTime()) / 60_000)
      .sort((a, b) => a - b);
    const within = acknowledged.filter((alert) => alert.escalationLevel === 0 && (alert.acknowledgedAt as Date) <= alert.dueAt);
    result[severity] = {
      total: ofSeverity.length,
      open: ofSeverity.filter((alert) => alert.status === 'OPEN').length,
      acknowledged: acknowledged.length,
      medianMinutesToAcknowledge: median(minutes),
      withinSlaShare: acknowledged.length ? within.length / acknowledged.length : null,
    };
  }
  return result;
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 10) / 10;
}

/** One alert as the "how we answer" dashboard needs it; `caseworkerId` is who received it when it was raised. */
export interface AlertHistory {
  severity: Severity;
  caseworkerId: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** The first response deadline (later deadlines come with escalation, which already counts as missed). */
  dueAt: Date;
  escalations: number;
}

/** The dashboard's figures for one group of alerts (a severity, a caseworker). Minutes are rounded to a tenth. */
export interface AnswerFigures {
  raised: number;
  acknowledged: number;
  medianMinutesToAcknowledge: number | null;
  p90MinutesToAcknowledge: number | null;
  /** Share (0–1) of the raised alerts acknowledged by their first deadline without escalating; null when none due yet. */
  withinResponseTimeShare: number | null;
  escalations: number;
  /** Not yet acknowledged at `now`. */
  open: number;
  oldestOpenMinutes: number | null;
}

/** The p-th percentile by the nearest-rank method (p90 of ten values is the ninth smallest); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Figures for a group of alerts as they stood at `now`. */
export function answerFigures(alerts: readonly AlertHistory[], now: Date): AnswerFigures {
  const acknowledged = alerts.filter((alert) => alert.acknowledgedAt !== null && alert.acknowledgedAt <= now);
  const minutes = acknowledged.map((alert) => minutesBetween(alert.createdAt, alert.acknowledgedAt as Date)).sort((a, b) => a - b);
  const open = alerts.filter((alert) => alert.acknowledgedAt === null || alert.acknowledgedAt > now);
  // Only alerts whose deadline has passed or that were answered can be judged; one still within its time is not late yet.
  const judged = alerts.filter((alert) => alert.acknowledgedAt !== null || alert.dueAt <= now);
  const within = judged.filter((alert) => alert.escalations === 0 && alert.acknowledgedAt !== null && alert.acknowledgedAt <= alert.dueAt);
  return {
    raised: alerts.length,
    acknowledged: acknowledged.length,
    medianMinutesToAcknowledge: median(minutes),
    p90MinutesToAcknowledge: tenth(percentile(minutes, 90)),
    withinResponseTimeShare: judged.length ? within.length / judged.length : null,
    escalations: alerts.reduce((sum, alert) => sum + alert.escalations, 0),
    open: open.length,
    oldestOpenMinutes: tenth(open.length ? Math.max(...open.map((alert) => minutesBetween(alert.createdAt, now))) : null),
  };
}

/** "How we answer" for alerts raised in a period: per severity and per caseworker. */
export function howWeAnswer(alerts: readonly AlertHistory[], now: Date): { all: AnswerFigures; bySeverity: Record<Severity, AnswerFigures>; byCaseworker: Map<string, AnswerFigures> } {
  const bySeverity = {} as Record<Severity, AnswerFigures>;
  for (const severity of ['CRISIS', 'URGENT', 'NORMAL'] as const) bySeverity[severity] = answerFigures(alerts.filter((alert) => alert.severity === severity), now);
  const caseworkers = [...new Set(alerts.map((alert) => alert.caseworkerId))];
  const byCaseworker = new Map(caseworkers.map((id) => [id, answerFigures(alerts.filter((alert) => alert.caseworkerId === id), now)]));
  return { all: answerFigures(alerts, now), bySeverity, byCaseworker };
}

/**
 * Check-in completion per cadence period: of the check-in invitations sent, the share followed by a completed
 * check-in from the same citizen before the next one was due (within `cadenceMs` of the invitation).
 */
export function checkInCompletion(
  invitations: ReadonlyArray<{ citizenId: string; sentAt: Date }>,
  completions: ReadonlyArray<{ citizenId: string; completedAt: Date }>,
  cadenceMs: number,
): { invited: number; completed: number; rate: number | null } {
  const completed = invitations.filter((invitation) =>
    completions.some(
      (done) =>
        done.citizenId === invitation.citizenId &&
        done.completedAt >= invitation.sentAt &&
        done.completedAt.getTime() < invitation.sentAt.getTime() + cadenceMs,
    ),
  ).length;
  return { invited: invitations.length, completed, rate: invitations.length ? completed / invitations.length : null };
}
