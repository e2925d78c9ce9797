import { DateTime } from 'luxon';

/**
 * A deadline the way a person says it, relative to now in their time zone:
 * "i dag kl. 14:30", "i morgen kl. 16:00", "mandag kl. 10:00", "30. marts kl. 10:00"
 * (English: "today at 14:30", "tomorrow at 16:00", "Monday at 10:00", "30 March at 10:00").
 */
export function describeDue(due: Date, now: Date, timeZone: string, locale: 'da' | 'en'): string {
  const at = DateTime.fromJSDate(due, { zone: timeZone }).setLocale(locale);
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const time = at.toFormat('HH:mm');
  const word = locale === 'da' ? { today: 'i dag', tomorrow: 'i morgen', at: 'kl.' } : { today: 'today', tomorrow: 'tomorrow', at: 'at' };
  if (days <= 0) return `${word.today} ${word.at} ${time}`;
  if (days === 1) return `${word.tomorrow} ${word.at} ${time}`;
  if (days < 7) return `${at.toFormat('cccc')} ${word.at} ${time}`;
  return `${at.toFormat(locale === 'da' ? 'd. LLLL' : 'd LLLL')} ${word.at} ${time}`;
}

/** A calendar date for people: "24. dec. 2026" / "24 Dec 2026". */
export function describeDate(date: string, locale: 'da' | 'en'): string {
  return DateTime.fromISO(date).setLocale(locale).toLocaleString(DateTime.DATE_MED);
}

/**
 * A period the way a person says it: "22.–27. november", "30. november – 2. december",
 * "22–27 November"; the year only when the two dates are in different years.
 */
export function describePeriod(from: string, to: string, locale: 'da' | 'en'): string {
  const start = DateTime.fromISO(from).setLocale(locale);
  const end = DateTime.fromISO(to).setLocale(locale);
  const day = locale === 'da' ? 'd.' : 'd';
  const dayMonth = locale === 'da' ? 'd. LLLL' : 'd LLLL';
  if (start.year !== end.year) return `${start.toFormat(`${dayMonth} yyyy`)} – ${end.toFormat(`${dayMonth} yyyy`)}`;
  if (start.month !== end.month) return `${start.toFormat(dayMonth)} – ${end.toFormat(dayMonth)}`;
  if (start.day === end.day) return end.toFormat(dayMonth);
  return `${start.toFormat(day)}–${end.toFormat(dayMonth)}`;
}

/** A day the way a person says it: "i dag", "i morgen", "mandag", "30. november" (English alike). */
export function describeDay(day: Date, now: Date, timeZone: string, locale: 'da' | 'en'): string {
  const at = DateTime.fromJSDate(day, { zone: timeZone }).setLocale(locale);
  const days = Math.round(at.startOf('day').diff(DateTime.fromJSDate(now, { zone: timeZone }).startOf('day'), 'days').days);
  if (days <= 0) return locale === 'da' ? 'i dag' : 'today';
  if (days === 1) return locale === 'da' ? 'i morgen' : 'tomorrow';
  if (days < 7) return at.toFormat('cccc');
  return at.toFormat(locale === 'da' ? 'd. LLLL' : 'd LLLL');
}

/**
 * The words of an alert receipt ("receipt.sent"): who has it and when to expect an answer, and, when the own
 * caseworker is away, who is away until when (the i18n context picks the sentence: cover, coverGone, coverTeam).
 */
export function receiptWords(
  receipt: { assigneeName: string; dueAt: Date; cover?: { awayName: string; backAt: Date | null; to: string } | undefined },
  now: Date,
  timeZone: string,
  locale: 'da' | 'en',
): Record<string, string> {
  const words = { name: receipt.assigneeName, due: describeDue(receipt.dueAt, now, timeZone, locale) };
  const { cover } = receipt;
  if (!cover) return words;
  const context = cover.to === 'coordinators' ? 'coverTeam' : cover.backAt ? 'cover' : 'coverGone';
  return { ...words, context, away: cover.awayName, ...(cover.backAt ? { back: describeDay(cover.backAt, now, timeZone, locale) } : {}) };
}
