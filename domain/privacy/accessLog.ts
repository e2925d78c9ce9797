import { z } from 'zod';
import type { StaffRole } from '../access.js';

/**
 * What a staff member read, as a category: the access log records that and never the data itself.
 * One category per read path, so the citizen can be told in plain words what was looked at.
 */
export const ACCESS_CATEGORIES = [
  'citizen-page',
  'summary',
  'progress',
  'progress-chart',
  'alert-list',
  'alert',
  'timeline',
  'export',
  'alert-card',
  'alert-email',
] as const;
export type AccessCategory = (typeof ACCESS_CATEGORIES)[number];

/** One row of the access log as the citizen and coordinators see it. */
export interface AccessEntry {
  at: Date;
  /** Null for the bootstrap admin token (no person). */
  staffName: string | null;
  role: StaffRole;
  category: string;
  reason: string | null;
}

/** The access log read back for the citizen: newest first, each staff member's views of one kind on one day as one line. */
export function whoLooked(entries: readonly AccessEntry[], timeZone: string): Array<AccessEntry & { day: string; times: number }> {
  const dayOf = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const lines = new Map<string, AccessEntry & { day: string; times: number }>();
  for (const entry of [...entries].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const day = dayOf(entry.at);
    const key = `${day}|${entry.staffName ?? ''}|${entry.role}|${entry.category}`;
    const line = lines.get(key);
    if (line) line.times += 1;
    else lines.set(key, { ...entry, day, times: 1 });
  }
  return [...lines.values()];
}

const day = z.iso.date().transform((value) => new Date(`${value}T00:00:00Z`));

/** Coordinators' filters on the access log (API query and console form alike); a bad value is a 400 naming it. */
export const accessLogQuery = z.object({
  citizenId: z.uuid().optional(),
  staffId: z.uuid().optional(),
  category: z.enum(ACCESS_CATEGORIES).optional(),
  from: day.optional(),
  /** Inclusive: the whole day. */
  to: day.transform((date) => new Date(date.getTime() + 86_400_000)).optional(),
});
export type AccessLogQuery = z.infer<typeof accessLogQuery>;
