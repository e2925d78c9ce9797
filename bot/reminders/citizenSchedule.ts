import { z } from 'zod';
import { cadence, type TimingRules } from '../../domain/reminders.js';
import type { OrganisationSettings } from '../settings/organisationSettings.js';

const isoCadence = z.string().refine((value) => {
  try {
    cadence(value);
    return true;
  } catch {
    return false;
  }
}, 'must be a positive ISO 8601 duration, e.g. P6W');

/** Per-citizen overrides kept in Citizen.schedule. */
export const citizenScheduleSchema = z.object({
  checkInCadence: isoCadence.optional(),
  pulseCadence: isoCadence.optional(),
  /** Holiday, hospital: no reminders until resumed. */
  paused: z.boolean().optional(),
  /** Set after too many unanswered reminders; cleared when the citizen answers or the caseworker resets it. */
  silenced: z.boolean().optional(),
});

export type CitizenSchedule = z.infer<typeof citizenScheduleSchema>;

export function readCitizenSchedule(stored: unknown): CitizenSchedule {
  const parsed = citizenScheduleSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

/** When a citizen may be messaged: the organisation's quiet hours and the citizen's chosen time of day. */
export function timingRulesFor(citizen: { timeZone: string; contactWindow: unknown }, settings: OrganisationSettings): TimingRules {
  const window = citizen.contactWindow as { from?: string; to?: string } | null;
  return {
    timeZone: citizen.timeZone,
    quietHours: settings.reminders.quietHours,
    contactWindow: window?.from && window.to ? { from: window.from, to: window.to } : null,
  };
}
