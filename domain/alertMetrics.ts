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
