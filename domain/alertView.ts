import { DateTime } from 'luxon';
import type { StaffRole } from './access.js';
import { describeDue } from './dueWords.js';
import type { Severity } from './sla.js';
import { alertReference } from './staffCommands.js';
import { crisisFactRows } from './crisis/staffFacts.js';

/** A translate function for the console's texts; the main namespace's keys are prefixed `translation:`. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/** How close the deadline is, for colour; the words always say it too. */
export type DueTone = 'overdue' | 'soon' | 'later';

/** What the view model reads of an alert: plain data, as loaded from the database. */
export interface AlertFacts {
  id: string;
  kind: string;
  severity: Severity;
  status: AlertStatus;
  dueAt: Date;
  escalationLevel: number;
  assigneeId: string;
  assigneeName: string;
  citizenId: string;
  citizenName: string;
  /** The alert's stored payload: `{ citizenText?, facts? }`. */
  payload: unknown;
}

export interface AlertViewContext {
  now: Date;
  /** The organisation's working time zone: deadlines are told in it. */
  timeZone: string;
  locale: 'da' | 'en';
  /** Who is looking (staffId null for the bootstrap token): alerts passed on to them are marked. */
  viewer: { staffId: string | null; role: StaffRole };
  t: Translate;
}

/** One alert as staff see it, in the inbox and on the Teams card alike: every field already in words. */
export interface AlertView {
  id: string;
  reference: string;
  citizenId: string;
  citizenName: string;
  /** The citizen's page in the console (relative; cards prefix the public address). */
  citizenPath: string;
  kind: string;
  kindWords: string;
  severity: Severity;
  severityWords: string;
  status: AlertStatus;
  statusWords: string;
  /** "Haster: Syg eller indlagt fra Anna", or "Sendt videre til dig: …" when passed on to the viewer. */
  title: string;
  citizenText?: string;
  /** "i dag kl. 14:30" */
  dueWords: string;
  /** "om 2 timer", "overskredet med 1 time" */
  timeLeftWords: string;
  tone: DueTone;
  escalatedToViewer: boolean;
  assigneeName: string;
  /** Label and value pairs, readable: "Periode: 22.–27. november", "Mål: Nyt mål i egne ord". */
  facts: Array<{ label: string; value: string }>;
  /** When the deadline is (ISO), for sorting and machine-readable time. */
  dueAtIso: string;
}

const SEVERITY_RANK: Record<Severity, number> = { CRISIS: 0, URGENT: 1, NORMAL: 2 };
/** Within this much time a deadline counts as close (amber rather than green). */
const SOON_MS = 2 * 3600_000;

/** Most urgent first: the earliest deadline, then the most severe; stable for equal ones. */
export function byUrgency(a: Pick<AlertFacts, 'dueAt' | 'severity'>, b: Pick<AlertFacts, 'dueAt' | 'severity'>): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}

/** A duration in plain words, rounded to what a person would say: "5 minutter", "2 timer", "3 dage". */
export function durationWords(ms: number, locale: 'da' | 'en'): string {
  const minutes = Math.round(ms / 60_000);
  const hours = Math.round(ms / 3600_000);
  const [value, unit] = minutes < 60 ? [Math.max(minutes, 1), 'minute'] : hours < 48 ? [hours, 'hour'] : [Math.round(ms / 86_400_000), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** The time left to a deadline in words and a tone: "om 2 timer" (later), "om 30 minutter" (soon), "overskredet med 1 time". */
export function timeLeft(due: Date, now: Date, locale: 'da' | 'en', t: Translate): { words: string; tone: DueTone } {
  const ms = due.getTime() - now.getTime();
  if (Math.abs(ms) < 30_000) return { words: t('alert.timeLeft.now'), tone: 'soon' };
  const duration = durationWords(Math.abs(ms), locale);
  if (ms < 0) return { words: t('alert.timeLeft.overdue', { duration }), tone: 'overdue' };
  return { words: t('alert.timeLeft.in', { duration }), tone: ms <= SOON_MS ? 'soon' : 'later' };
}

/** A period of days the way people write it: "22.–27. november", "28. november – 3. december" (English: "22–27 November"). */
export function periodWords(from: string, to: string | undefined, locale: 'da' | 'en', now: Date): string {
  const start = DateTime.fromISO(from).setLocale(locale);
  const dayMonth = locale === 'da' ? 'd. LLLL' : 'd LLLL';
  const day = locale === 'da' ? 'd.' : 'd';
  // The year is said only when it is not this year.
  const year = (date: DateTime) => (date.year === DateTime.fromJSDate(now).year ? '' : ` ${date.year}`);
  if (!to || to === from) return `${start.toFormat(dayMonth)}${year(start)}`;
  const end = DateTime.fromISO(to).setLocale(locale);
  if (start.hasSame(end, 'month')) return `${start.toFormat(day)}–${end.toFormat(dayMonth)}${year(end)}`;
  const startYear = start.year === end.year ? '' : year(start);
  return `${start.toFormat(dayMonth)}${startYear} – ${end.toFormat(dayMonth)}${year(end)}`;
}

function isoDate(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** The structured facts a dialog stored with the alert, in words; unknown keys are left out rather than shown raw. */
function readableFacts(facts: Record<string, unknown>, { locale, t, now }: AlertViewContext): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  const from = isoDate(facts.from);
  if (from) {
    const to = isoDate(facts.to);
    out.push(to ? { label: t('alert.fact.period'), value: periodWords(from, to, locale, now) } : { label: t('alert.fact.from'), value: periodWords(from, undefined, locale, now) });
  }
  if (facts.origin === 'own') out.push({ label: t('alert.fact.goal'), value: t('alert.fact.goalOwnWords') });
  else if (typeof facts.origin === 'string') out.push({ label: t('alert.fact.goal'), value: t('alert.fact.goalGuided') });
  if (typeof facts.unansweredReminders === 'number') out.push({ label: t('alert.fact.unanswered'), value: String(facts.unansweredReminders) });
  if (Array.isArray(facts.concerns) && facts.concerns.length > 0) {
    const about = (facts.concerns as Array<{ kind?: string; factor?: string }>).map((concern) =>
      concern.kind === 'drop' && concern.factor ? t(`translation:progress.factor.${concern.factor}`) : t('translation:progress.factor.B'),
    );
    out.push({ label: t('alert.fact.concerns'), value: [...new Set(about)].join(', ') });
  }
  return out;
}

/**
 * Was the alert passed on to this person? Level 1 goes to the backup caseworker (then its assignee),
 * level 2 to every coordinator.
 */
export function passedOnTo(alert: Pick<AlertFacts, 'escalationLevel' | 'assigneeId'>, viewer: AlertViewContext['viewer']): boolean {
  if (alert.escalationLevel >= 2 && viewer.role === 'COORDINATOR') return true;
  return alert.escalationLevel > 0 && viewer.staffId !== null && alert.assigneeId === viewer.staffId;
}

/** Builds the one view of an alert that both the console and the chat card render. */
export function alertView(alert: AlertFacts, context: AlertViewContext): AlertView {
  const { t, locale, now } = context;
  const payload = (alert.payload ?? {}) as { citizenText?: unknown; facts?: unknown };
  const kindWords = t(`translation:alertKind.${alert.kind}`, { defaultValue: t('translation:alertKind.other') });
  const severityWords = t(`translation:severity.${alert.severity}`);
  const escalatedToViewer = passedOnTo(alert, context.viewer);
  const titleParams = { severity: severityWords, kind: kindWords, citizen: alert.citizenName };
  const left = timeLeft(alert.dueAt, now, locale, t);
  const dueWords = describeDue(alert.dueAt, now, context.timeZone, locale);
  const reference = alertReference(alert.id);
  const facts = payload.facts && typeof payload.facts === 'object' ? (payload.facts as Record<string, unknown>) : {};
  return {
    id: alert.id,
    reference,
    citizenId: alert.citizenId,
    citizenName: alert.citizenName,
    citizenPath: `/console/citizens/${alert.citizenId}`,
    kind: alert.kind,
    kindWords,
    severity: alert.severity,
    severityWords,
    status: alert.status,
    statusWords: t(`alert.status.${alert.status}`),
    title: t(escalatedToViewer ? 'translation:staff.escalatedTitle' : 'translation:staff.alertTitle', titleParams),
    ...(typeof payload.citizenText === 'string' && payload.citizenText.trim() !== '' ? { citizenText: payload.citizenText } : {}),
    dueWords,
    timeLeftWords: left.words,
    tone: left.tone,
    escalatedToViewer,
    assigneeName: alert.assigneeName,
    facts: [
      { label: t('alert.fact.due'), value: `${dueWords} (${left.words})` },
      ...readableFacts(facts, context),
      ...crisisFactRows(facts, t, true).map((row) => ({ label: row.title, value: row.value })),
      ...(alert.escalationLevel > 0 ? [{ label: t('alert.fact.level'), value: t('alert.fact.levelValue', { count: alert.escalationLevel }) }] : []),
      { label: t('alert.fact.reference'), value: reference },
    ],
    dueAtIso: alert.dueAt.toISOString(),
  };
}
