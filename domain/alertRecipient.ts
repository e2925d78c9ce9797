import { DateTime } from 'luxon';

/** A staff member as the alert rule needs them: are they still here, and are they away right now? */
export interface StaffNow {
  id: string;
  /** False once deactivated: they receive nothing any more. */
  active: boolean;
  /** The absence covering this moment, if any. */
  absence: { substituteId: string | null; endsAt: Date } | null;
}

/** Who receives a new alert, and why: the citizen is told when it is not their own caseworker. */
export type AlertRecipient =
  | { to: 'caseworker'; staffId: string }
  | { to: 'substitute'; staffId: string; awayStaffId: string; backAt: Date }
  | { to: 'backup'; staffId: string; awayStaffId: string; backAt: Date | null }
  | { to: 'coordinators'; awayStaffId: string; backAt: Date | null };

/** An absence covers `now` from its first instant up to, not including, the first instant back. */
export function isAwayAt(absence: { startsAt: Date; endsAt: Date; cancelledAt: Date | null }, now: Date): boolean {
  return absence.cancelledAt === null && absence.startsAt.getTime() <= now.getTime() && now.getTime() < absence.endsAt.getTime();
}

const available = (person: StaffNow | undefined): boolean => person !== undefined && person.active && person.absence === null;

/**
 * Who receives a citizen's new alert now. Continuity first: the own caseworker. While they are away (or gone), the
 * substitute they named, if that person is here; else the citizen's backup caseworker, if here; else the coordinators.
 * `people` looks up the substitute.
 */
export function alertRecipientNow(
  caseworker: StaffNow,
  backup: StaffNow | undefined,
  people: (staffId: string) => StaffNow | undefined,
): AlertRecipient {
  if (available(caseworker)) return { to: 'caseworker', staffId: caseworker.id };
  const backAt = caseworker.active ? (caseworker.absence?.endsAt ?? null) : null;
  const substituteId = caseworker.active ? caseworker.absence?.substituteId : null;
  const substitute = substituteId ? people(substituteId) : undefined;
  if (backAt && substitute && available(substitute)) return { to: 'substitute', staffId: substitute.id, awayStaffId: caseworker.id, backAt };
  if (backup && available(backup) && backup.id !== caseworker.id) return { to: 'backup', staffId: backup.id, awayStaffId: caseworker.id, backAt };
  return { to: 'coordinators', awayStaffId: caseworker.id, backAt };
}

/**
 * The instants of an absence given as calendar days in the organisation's time zone: from the start of the first day
 * away to the start of the day after the last (when they are back).
 */
export function absencePeriod(firstDay: string, lastDay: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  const startsAt = DateTime.fromISO(firstDay, { zone: timeZone }).startOf('day');
  const endsAt = DateTime.fromISO(lastDay, { zone: timeZone }).plus({ days: 1 }).startOf('day');
  return { startsAt: startsAt.toJSDate(), endsAt: endsAt.toJSDate() };
}
