/** Who an overdue, unacknowledged alert goes to next: the backup caseworker, then all coordinators, then no further. */
export type EscalationTarget = 'backup' | 'coordinators';

export interface EscalationStep {
  level: number;
  target: EscalationTarget;
}

/**
 * The next escalation of an alert at `level` (0 = with the own caseworker).
 * Without a backup the alert goes straight to the coordinators.
 */
export function nextEscalation(level: number, hasBackup: boolean): EscalationStep | undefined {
  if (level === 0 && hasBackup) return { level: 1, target: 'backup' };
  if (level <= 1) return { level: 2, target: 'coordinators' };
  return undefined;
}

/** True when an alert is overdue: not acknowledged and its due time has passed. */
export function isOverdue(alert: { status: string; dueAt: Date }, now: Date): boolean {
  return alert.status === 'OPEN' && alert.dueAt.getTime() <= now.getTime();
}
