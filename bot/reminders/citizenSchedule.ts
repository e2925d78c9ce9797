import { z } from 'zod';
import { cadence } from '../../domain/reminders.js';

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
