import { DateTime } from 'luxon';
import type { Translate } from './caseload.js';
import type { Severity } from './sla.js';
import { weekNumber } from './hours.js';

/** Everything that happened with a citizen, as loaded: one fact per event, in any order. */
export type TimelineFact =
  | { type: 'alert'; at: Date; kind: string; severity: Severity; citizenText?: string }
  | { type: 'alertHandled'; at: Date; kind: string; action: 'acknowledged' | 'resolved' | 'escalated'; by: string | null }
  | { type: 'staffMessage'; at: Date; by: string; text: string }
  | { type: 'citizenMessage'; at: Date; text: string }
  | { type: 'checkIn'; at: Date; partial: boolean }
  | { type: 'hours'; at: Date; isoWeek: string; hours: number }
  | { type: 'goal'; at: Date; event: 'created' | 'achieved' | 'dropped'; text: string }
  | { type: 'step'; at: Date; event: 'created' | 'done'; text: string }
  | { type: 'reminder'; at: Date; kind: string; event: 'sent' | 'answered' | 'missed' }
  | { type: 'enrolled'; at: Date }
  | { type: 'consent'; at: Date; decision: 'ACCEPTED' | 'DECLINED' }
  | { type: 'assessment'; at: Date; score: number; by: string; note: string | null };

/** How an entry is shown: messages from and to the citizen stand out from the record of what happened. */
export type TimelineCategory = 'fromCitizen' | 'toCitizen' | 'alert' | 'progress' | 'goals' | 'reminders' | 'account';

export interface TimelineEntry {
  atIso: string;
  /** "10:15" */
  timeWords: string;
  category: TimelineCategory;
  /** What happened, in words. */
  text: string;
  /** Someone's own words (the citizen's report, a message either way, a note), shown as a quotation. */
  quote?: string;
}

/** Entries of one day, newest first; `dayWords` is "I dag", "I går" or "mandag 16. november". */
export interface TimelineDay {
  dayWords: string;
  entries: TimelineEntry[];
}

/** A reminder not reacted to within this long counts as missed. */
export const REMINDER_MISSED_AFTER_MS = 2 * 86_400_000;

/** A sent reminder's facts: sent, and then answered or (after a while without a reaction) missed. */
export function reminderFacts(reminder: { kind: string; sentAt: Date | null; answeredAt: Date | null }, now: Date): TimelineFact[] {
  if (!reminder.sentAt) return [];
  const sent: TimelineFact = { type: 'reminder', at: reminder.sentAt, kind: reminder.kind, event: 'sent' };
  if (reminder.answeredAt) return [sent, { type: 'reminder', at: reminder.answeredAt, kind: reminder.kind, event: 'answered' }];
  const missedAt = new Date(reminder.sentAt.getTime() + REMINDER_MISSED_AFTER_MS);
  return missedAt <= now ? [sent, { type: 'reminder', at: missedAt, kind: reminder.kind, event: 'missed' }] : [sent];
}

function entryOf(fact: TimelineFact, t: Translate, locale: 'da' | 'en'): Pick<TimelineEntry, 'category' | 'text' | 'quote'> {
  const kindWords = (kind: string) => t(`translation:alertKind.${kind}`, { defaultValue: t('translation:alertKind.other') });
  switch (fact.type) {
    case 'alert':
      return {
        category: 'alert',
        text: t('citizen.timeline.alert', { kind: kindWords(fact.kind), severity: t(`translation:severity.${fact.severity}`) }),
        ...(fact.citizenText ? { quote: fact.citizenText } : {}),
      };
    case 'alertHandled':
      return { category: 'alert', text: t(`citizen.timeline.alert_${fact.action}`, { kind: kindWords(fact.kind), name: fact.by ?? t('citizen.timeline.colleague') }) };
    case 'staffMessage':
      return { category: 'toCitizen', text: t('citizen.timeline.staffMessage', { name: fact.by }), quote: fact.text };
    case 'citizenMessage':
      return { category: 'fromCitizen', text: t('citizen.timeline.citizenMessage'), quote: fact.text };
    case 'checkIn':
      return { category: 'progress', text: t(fact.partial ? 'citizen.timeline.checkInPartial' : 'citizen.timeline.checkIn') };
    case 'hours':
      return { category: 'progress', text: t('citizen.timeline.hours', { hours: numberWords(fact.hours, locale), week: weekNumber(fact.isoWeek) }) };
    case 'goal':
      return { category: 'goals', text: t(`citizen.timeline.goal_${fact.event}`), quote: fact.text };
    case 'step':
      return { category: 'goals', text: t(`citizen.timeline.step_${fact.event}`), quote: fact.text };
    case 'reminder':
      return { category: 'reminders', text: t(`citizen.timeline.reminder_${fact.event}`, { kind: t(`citizen.reminderKind.${fact.kind}`, { defaultValue: fact.kind }) }) };
    case 'enrolled':
      return { category: 'account', text: t('citizen.timeline.enrolled') };
    case 'consent':
      return { category: 'account', text: t(`citizen.timeline.consent_${fact.decision}`) };
    case 'assessment':
      return { category: 'progress', text: t('citizen.timeline.assessment', { score: fact.score, name: fact.by }), ...(fact.note ? { quote: fact.note } : {}) };
  }
}

/** A number as written in the language: "7,5" in Danish, "7.5" in English. */
export function numberWords(value: number, locale: 'da' | 'en'): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

function dayWords(day: DateTime, today: DateTime, locale: 'da' | 'en', t: Translate): string {
  const days = Math.round(today.diff(day, 'days').days);
  if (days === 0) return t('citizen.time.today');
  if (days === 1) return t('citizen.time.yesterday');
  const format = locale === 'da' ? 'cccc d. LLLL' : 'cccc d LLLL';
  return day.toFormat(day.year === today.year ? format : `${format} yyyy`);
}

/** The citizen's whole story, newest first, grouped by day in the organisation's time zone. */
export function citizenTimeline(facts: readonly TimelineFact[], context: { now: Date; timeZone: string; locale: 'da' | 'en'; t: Translate }): TimelineDay[] {
  const { t, locale, timeZone } = context;
  const today = DateTime.fromJSDate(context.now, { zone: timeZone }).setLocale(locale).startOf('day');
  const days: TimelineDay[] = [];
  let current: { key: string; day: TimelineDay } | undefined;
  // Newest first; for events at the same instant, the order they were given in (a stable sort).
  for (const fact of [...facts].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const local = DateTime.fromJSDate(fact.at, { zone: timeZone }).setLocale(locale);
    const key = local.toISODate() ?? '';
    if (current?.key !== key) {
      current = { key, day: { dayWords: dayWords(local.startOf('day'), today, locale, t), entries: [] } };
      days.push(current.day);
    }
    current.day.entries.push({ atIso: fact.at.toISOString(), timeWords: local.toFormat('HH:mm'), ...entryOf(fact, t, locale) });
  }
  return days;
}
