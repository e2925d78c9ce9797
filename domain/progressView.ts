import { DateTime } from 'luxon';
import type { Translate } from './caseload.js';
import type { FactorScores } from './progress.js';
import { FACTORS, type Factor } from './questionBank/index.js';
import { weekNumber } from './hours.js';
import { numberWords } from './timeline.js';

/** What the progress view reads: finished check-ins oldest first, factor F, and weekly hours, as loaded. */
export interface ProgressFacts {
  history: ReadonlyArray<{ at: Date; scores: FactorScores }>;
  assessment: { score: number; note: string | null; at: Date; by: string } | null;
  hours: ReadonlyArray<{ isoWeek: string; hours: number }>;
}

export interface FactorRow {
  factor: Factor;
  label: string;
  latest: string;
  previous: string;
  /** "+25", "−25", "uændret", or "–" when either is missing. */
  change: string;
}

/** The progress section of the citizen page: every number already in words; each chart's data table is here too. */
export interface ProgressView {
  hasCheckIns: boolean;
  latestDate: string | null;
  previousDate: string | null;
  factors: FactorRow[];
  /** Factor F beside the citizen's own view: "3 af 5", the note, who and when. */
  assessment: { scoreWords: string; note: string | null; byWords: string } | null;
  /** Factors over time, as a table: one row per check-in, oldest first. */
  trend: { columns: string[]; rows: Array<{ date: string; values: string[] }> };
  /** Ordinary paid hours per week, labelled "uge 48". */
  hours: Array<{ week: string; hours: string }>;
}

export interface ProgressViewContext {
  now: Date;
  timeZone: string;
  locale: 'da' | 'en';
  t: Translate;
}

/** "uge 48", or "uge 52, 2025" when the week is not in this year. */
export function weekWords(isoWeek: string, now: Date, timeZone: string, t: Translate): string {
  const year = Number(isoWeek.slice(0, 4));
  const thisYear = DateTime.fromJSDate(now, { zone: timeZone }).weekYear;
  return t(year === thisYear ? 'citizen.progress.week' : 'citizen.progress.weekOfYear', { week: weekNumber(isoWeek), year });
}

function scoreWords(score: number | null | undefined, locale: 'da' | 'en'): string {
  return score === null || score === undefined ? '–' : numberWords(score, locale);
}

/** A change with its sign (a true minus sign, read correctly by screen readers), or "uændret". */
export function changeWords(latest: number | null, previous: number | null | undefined, locale: 'da' | 'en', t: Translate): string {
  if (latest === null || previous === null || previous === undefined) return '–';
  const change = Math.round((latest - previous) * 10) / 10;
  if (change === 0) return t('citizen.progress.unchanged');
  return `${change > 0 ? '+' : '−'}${scoreWords(Math.abs(change), locale)}`;
}

/** Builds the progress view from what was loaded. */
export function progressView(facts: ProgressFacts, context: ProgressViewContext): ProgressView {
  const { t, locale, timeZone, now } = context;
  const date = (at: Date) => DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale).toFormat(locale === 'da' ? 'd. LLL yyyy' : 'd LLL yyyy');
  const latest = facts.history.at(-1);
  const previous = facts.history.at(-2);
  const labels = FACTORS.map((factor) => t(`translation:progress.factor.${factor}`));
  return {
    hasCheckIns: latest !== undefined,
    latestDate: latest ? date(latest.at) : null,
    previousDate: previous ? date(previous.at) : null,
    factors: FACTORS.map((factor, index) => ({
      factor,
      label: labels[index] as string,
      latest: scoreWords(latest?.scores[factor], locale),
      previous: scoreWords(previous?.scores[factor], locale),
      change: changeWords(latest?.scores[factor] ?? null, previous?.scores[factor], locale, t),
    })),
    assessment: facts.assessment
      ? {
          scoreWords: t('citizen.progress.fScore', { score: facts.assessment.score }),
          note: facts.assessment.note,
          byWords: t('citizen.progress.fBy', { name: facts.assessment.by, date: date(facts.assessment.at) }),
        }
      : null,
    trend: {
      columns: labels,
      rows: facts.history.map((point) => ({ date: date(point.at), values: FACTORS.map((factor) => scoreWords(point.scores[factor], locale)) })),
    },
    hours: facts.hours.map((week) => ({
      week: weekWords(week.isoWeek, now, timeZone, t),
      hours: numberWords(week.hours, locale),
    })),
  };
}
