import { z } from 'zod';
import { DEFAULT_CRISIS_CONTACTS } from '../../domain/crisisContacts.js';
import { publicHolidays } from '../../domain/holidays.js';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_POLICY, durationMs, responseDueAt, type Severity } from '../../domain/sla.js';
import { findItem, QUESTION_BANK } from '../../domain/questionBank/index.js';
import { URGENT_CHANGE_KINDS } from '../../domain/urgentChanges.js';
import type { PrismaClient } from '../data/generated/client.js';

const isoDuration = z.string().refine((value) => {
  try {
    durationMs(value);
    return true;
  } catch {
    return false;
  }
}, 'must be a positive ISO 8601 duration, e.g. PT4H');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. Europe/Copenhagen');

const bankItemId = z.string().refine((id) => findItem(QUESTION_BANK, id) !== undefined, 'must be an item id of the question bank, e.g. A1');

const slaRule = z.discriminatedUnion('clock', [
  z.object({ clock: z.literal('wall'), duration: isoDuration }),
  z.object({ clock: z.literal('business'), duration: isoDuration }),
  z.object({ clock: z.literal('endOfNextBusinessDay') }),
]);

/** Everything a coordinator can configure for an organisation; each field has the evidence-based default. */
export const organisationSettingsSchema = z.object({
  sla: z
    .object({ CRISIS: slaRule, URGENT: slaRule, NORMAL: slaRule })
    .default(DEFAULT_SLA_POLICY),
  businessHours: z
    .object({
      days: z.array(z.number().int().min(1).max(7)).min(1, 'needs at least one day'),
      open: hhmm,
      close: hhmm,
      timeZone,
    })
    .refine((hours) => hours.open < hours.close, { message: 'open must be before close', path: ['close'] })
    .default(DEFAULT_BUSINESS_HOURS),
  holidayCountry: z.string().length(2).default('DK'),
  /** Severity per urgent-change kind, overriding the defaults (e.g. make "money" urgent). */
  changeSeverity: z.partialRecord(z.enum(URGENT_CHANGE_KINDS), z.enum(['CRISIS', 'URGENT', 'NORMAL'])).default({}),
  /** Where to turn in a crisis, in the order shown; 112 must stay first. */
  crisisContacts: z
    .array(
      z.object({
        name: z.object({ da: z.string().min(1), en: z.string().min(1) }),
        phone: z.string().regex(/^[0-9 +]{3,20}$/, 'must be a phone number'),
        note: z.object({ da: z.string(), en: z.string() }).optional(),
      }),
    )
    .min(3, 'needs 112 and at least two more places to turn')
    .refine((contacts) => contacts[0]?.phone.replace(/\s/g, '') === '112', 'the first contact must be 112')
    .default(DEFAULT_CRISIS_CONTACTS),
  /** Who hears of a crisis outside business hours (staff ids) and, optionally, the daily window they cover (may span midnight). */
  onCall: z
    .object({ staffIds: z.array(z.uuid()).max(20).default([]), hours: z.object({ from: hhmm, to: hhmm }).nullable().default(null) })
    .default({ staffIds: [], hours: null }),
  /** Check-in items per programme (item ids of the question bank); `default` for citizens without a programme. */
  checkInItems: z
    .object({ default: z.array(bankItemId).min(1).optional(), byProgramme: z.record(z.string().min(1), z.array(bankItemId).min(1)).default({}) })
    .default({ byProgramme: {} }),
  /** Reminder cadence and timing (issue: reminders). Durations are ISO 8601. */
  reminders: z
    .object({
      checkInCadence: isoDuration.default('P6W'),
      pulseCadence: isoDuration.default('P1W'),
      quietHours: z.object({ from: hhmm, to: hhmm }).nullable().default({ from: '20:00', to: '08:00' }),
      timeZone: timeZone.default('Europe/Copenhagen'),
      nonResponseThreshold: z.number().int().min(1).max(20).default(3),
    })
    .default({ checkInCadence: 'P6W', pulseCadence: 'P1W', quietHours: { from: '20:00', to: '08:00' }, timeZone: 'Europe/Copenhagen', nonResponseThreshold: 3 }),
  privacyText: z
    .object({ da: z.string().min(50).optional(), en: z.string().min(50).optional(), version: z.string().min(1) })
    .optional(),
});

export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

/**
 * Reads an organisation's settings with defaults filled in; stored values were validated when written.
 * Inside a transaction, pass the transaction: on the embedded database another connection would wait for it.
 */
export async function readOrganisationSettings(
  prisma: Pick<PrismaClient, 'organisation'>,
  organisationId: string,
): Promise<OrganisationSettings> {
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } });
  return organisationSettingsSchema.parse(organisation.settings ?? {});
}

/** When a response is due under these settings: their SLA policy, business hours and holidays. */
export function responseDueUnder(settings: OrganisationSettings, severity: Severity, from: Date): Date {
  return responseDueAt(severity, from, settings.sla, settings.businessHours, publicHolidays(settings.holidayCountry));
}
