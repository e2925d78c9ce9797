import { DateTime } from 'luxon';
import { describeDue } from './dueWords.js';
import type { FactorScores } from './progress.js';
import type { Severity } from './sla.js';
import { foldText } from './text.js';

/** A translate function for the console's texts; the main namespace's keys are prefixed `translation:`. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Which way the latest check-in went against the one before: the sum of the changes of the factors both have. */
export type Direction = 'up' | 'down' | 'steady' | 'first';

/** What the caseload row reads of one citizen: plain data, as loaded. */
export interface CaseloadFacts {
  citizenId: string;
  name: string;
  caseworkerName: string;
  openAlerts: number;
  /** The most severe of the open alerts, when there are any. */
  mostSevere: Severity | null;
  lastCitizenMessageAt: Date | null;
  nextReminderAt: Date | null;
  paused: boolean;
  silenced: boolean;
  consent: 'ACCEPTED' | 'DECLINED' | null;
  lastCheckIn: { at: Date; latest: FactorScores; previous: FactorScores | null } | null;
  /** Factor F, the caseworker's latest rating 1–5. */
  factorF: number | null;
}

export interface CaseloadContext {
  now: Date;
  timeZone: string;
  locale: 'da' | 'en';
  t: Translate;
}

/** One citizen at a glance, every field in words; the caseload table and its phone layout render this. */
export interface CaseloadRow {
  citizenId: string;
  path: string;
  name: string;
  caseworkerName: string;
  openAlerts: number;
  openAlertsWords: string;
  mostSevere: Severity | null;
  lastMessageWords: string;
  nextReminderWords: string;
  /** "Pauset", "Svarer ikke" — empty when reminders run as planned. */
  reminderStatusWords: string[];
  consentWords: string;
  checkInWords: string;
  direction: Direction | null;
  directionWords: string;
  factorFWords: string;
}

/** The overall change over the factors scored both times; 'first' when there is nothing to compare with. */
export function checkInDirection(latest: FactorScores, previous: FactorScores | null): Direction {
  if (!previous) return 'first';
  const changes = (Object.keys(latest) as Array<keyof FactorScores>)
    .map((factor) => {
      const now = latest[factor];
      const before = previous[factor];
      return now !== null && before !== null ? now - before : null;
    })
    .filter((change): change is number => change !== null);
  if (changes.length === 0) return 'first';
  // Every improvement counts, however small (seed 002: citizens need to see the small steps).
  const total = changes.reduce((sum, change) => sum + change, 0);
  return total === 0 ? 'steady' : total > 0 ? 'up' : 'down';
}

/** A past moment the way a person says it: "i dag kl. 10:15", "i går kl. 16:00", "3. november". */
export function describePast(at: Date, now: Date, timeZone: string, locale: 'da' | 'en', t: Translate): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale);
  const days = Math.round(DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').diff(local.startOf('day'), 'days').days);
  const time = local.toFormat('HH:mm');
  if (days <= 0) return t('citizen.time.todayAt', { time });
  if (days === 1) return t('citizen.time.yesterdayAt', { time });
  const sameYear = local.year === DateTime.fromJSDate(now, { zone: timeZone }).year;
  return local.toFormat(locale === 'da' ? `d. LLLL${sameYear ? '' : ' yyyy'}` : `d LLLL${sameYear ? '' : ' yyyy'}`);
}

/** Builds one caseload row. */
export function caseloadRow(facts: CaseloadFacts, context: CaseloadContext): CaseloadRow {
  const { t, now, timeZone, locale } = context;
  const direction = facts.lastCheckIn ? checkInDirection(facts.lastCheckIn.latest, facts.lastCheckIn.previous) : null;
  return {
    citizenId: facts.citizenId,
    path: `/console/citizens/${facts.citizenId}`,
    name: facts.name,
    caseworkerName: facts.caseworkerName,
    openAlerts: facts.openAlerts,
    openAlertsWords: facts.openAlerts === 0 ? t('caseload.noAlerts') : t('caseload.openAlerts', { count: facts.openAlerts }),
    mostSevere: facts.mostSevere,
    lastMessageWords: facts.lastCitizenMessageAt ? describePast(facts.lastCitizenMessageAt, now, timeZone, locale, t) : t('caseload.never'),
    nextReminderWords: facts.paused
      ? t('caseload.paused')
      : facts.nextReminderAt
        ? describeDue(facts.nextReminderAt, now, timeZone, locale)
        : t('caseload.nonePlanned'),
    reminderStatusWords: [...(facts.paused ? [t('caseload.paused')] : []), ...(facts.silenced ? [t('caseload.silenced')] : [])],
    consentWords: t(`caseload.consent.${facts.consent ?? 'none'}`),
    checkInWords: facts.lastCheckIn ? describePast(facts.lastCheckIn.at, now, timeZone, locale, t) : t('caseload.never'),
    direction,
    directionWords: direction ? t(`caseload.direction.${direction}`) : '',
    factorFWords: facts.factorF === null ? t('caseload.notRated') : t('caseload.factorF', { score: facts.factorF }),
  };
}

/** Those who need the caseworker first (open alerts, most severe), then by name. */
export function byNeed(a: CaseloadFacts, b: CaseloadFacts): number {
  const rank = (facts: CaseloadFacts) => (facts.mostSevere === 'CRISIS' ? 0 : facts.mostSevere === 'URGENT' ? 1 : facts.openAlerts > 0 ? 2 : 3);
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'da');
}

/** A name search as people type it: any case, with or without Danish letters or accents, any part of the name. */
export function matchesName(name: string, query: string): boolean {
  const wanted = foldText(query).split(/\s+/).filter(Boolean);
  const folded = foldText(name);
  return wanted.every((word) => folded.includes(word));
}
