import { whoLooked } from './accessLog.js';
import type { CitizenData } from './citizenData.js';

/** Translation as the document needs it (i18next's `t`, or a stub in tests). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** One heading and its lines; a line may carry sub-lines (a goal's steps, an alert's answers). */
export interface DocumentSection {
  id: string;
  heading: string;
  lines: Array<{ text: string; sub: string[] }>;
}

/** A point of the progress chart: one factor's score at one check-in. */
export interface ChartSeries {
  factor: string;
  label: string;
  points: Array<{ day: string; score: number }>;
}

/** The readable document's content in the citizen's language and time zone, built once for page and chat. */
export interface DataDocumentView {
  title: string;
  intro: string;
  sections: DocumentSection[];
  chart: ChartSeries[];
  hours: Array<{ week: string; hours: number }>;
}

function dayOf(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

function timeOf(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const line = (text: string, sub: string[] = []) => ({ text, sub });

/** Who looked, newest first, by name and role; several views of one kind on one day are one line. */
export function accessLines(data: CitizenData, t: Translate): string[] {
  const { locale, timeZone } = data.citizen;
  const entries = data.accessLog.map((entry) => ({ ...entry, at: new Date(entry.at), staffName: entry.staff }));
  return whoLooked(entries, timeZone).map((entry) => {
    const row = t('myData.accessRow', {
      when: dayOf(entry.at.toISOString(), locale, timeZone),
      who: entry.staffName ?? t('myData.nobody'),
      role: t(`myData.role.${entry.role}`),
      what: t(`myData.category.${entry.category}`),
    });
    return entry.times > 1 ? `${row} (${t('myData.times', { count: entry.times })})` : row;
  });
}

/** Builds the document: every section of CitizenData in plain words; empty sections say so. */
export function dataDocumentView(data: CitizenData, t: Translate): DataDocumentView {
  const { locale, timeZone } = data.citizen;
  const day = (iso: string) => dayOf(iso, locale, timeZone);
  const time = (iso: string) => timeOf(iso, locale, timeZone);
  const status = (value: string) => t(`myData.status.${value}`);
  const c = data.citizen;

  const sections: DocumentSection[] = [
    {
      id: 'person',
      heading: t('myData.person'),
      lines: [
        line(`${t('myData.name')}: ${c.name}`),
        line(`${t('myData.enrolled')}: ${day(c.enrolledAt)}`),
        line(`${t('myData.caseworker')}: ${c.caseworker}`),
        ...(c.backupCaseworker ? [line(`${t('myData.backup')}: ${c.backupCaseworker}`)] : []),
        ...(c.programme ? [line(`${t('myData.programme')}: ${c.programme}`)] : []),
        line(`${t('myData.language')}: ${c.locale}`),
        line(`${t('myData.channels')}: ${data.channels.map((channel) => channel.channel).join(', ') || '–'}`),
      ],
    },
    {
      id: 'consents',
      heading: t('myData.consents'),
      lines: data.consents.map((consent) => line(`${time(consent.at)}: ${t(`myData.consent.${consent.decision}`)} (${t('myData.textVersion', { version: consent.textVersion })})`)),
    },
    {
      id: 'goals',
      heading: t('myData.goals'),
      lines: data.goals.map((goal) =>
        line(
          `${goal.text} (${status(goal.status)}, ${day(goal.createdAt)})`,
          goal.steps.map((step) => `${step.text} (${status(step.status)}${step.dueDate ? `, ${t('myData.due', { date: day(step.dueDate) })}` : ''})`),
        ),
      ),
    },
    {
      id: 'barriers',
      heading: t('myData.barriers'),
      lines: data.barriers.map((barrier) =>
        line(
          `${barrier.rank ? `${barrier.rank}. ` : ''}${barrier.label}${barrier.until ? ` ${t('myData.until', { date: day(barrier.until) })}` : ''}`,
          barrier.whatWouldHelp ? [t('myData.helps', { text: barrier.whatWouldHelp })] : [],
        ),
      ),
    },
    {
      id: 'checkIns',
      heading: t('myData.checkIns'),
      lines: data.checkIns.map((checkIn) =>
        line(
          `${time(checkIn.completedAt ?? checkIn.startedAt)} (${status(checkIn.status)})`,
          checkIn.answers.map((answer) => `${answer.question}: ${answer.answer === null ? t('myData.skipped') : `${answer.answer} (${t('myData.score', { score: answer.score })})`}`),
        ),
      ),
    },
    { id: 'hours', heading: t('myData.hours'), lines: data.hours.map((week) => line(t('myData.hoursRow', { week: week.isoWeek, hours: week.hours }))) },
    {
      id: 'assessments',
      heading: t('myData.assessments'),
      lines: data.assessments.map((assessment) => line(`${day(assessment.at)}: ${t('myData.assessmentRow', { score: assessment.score, by: assessment.by })}`, assessment.note ? [assessment.note] : [])),
    },
    {
      id: 'alerts',
      heading: t('myData.alerts'),
      lines: data.alerts.map((alert) =>
        line(`${time(alert.createdAt)}: ${t(`alertKind.${alert.kind}`, { defaultValue: alert.kind })} (${status(alert.status)})`, [
          ...(alert.citizenText ? [t('myData.yourWords', { text: alert.citizenText })] : []),
          ...alert.events
            .filter((event) => event.type in EVENT_WORDS)
            .map((event) => `${time(event.at)}: ${t(`myData.event.${event.type}`, { by: event.by ?? t('myData.nobody') })}${event.text ? `: ${event.text}` : ''}`),
        ]),
      ),
    },
    {
      id: 'reminders',
      heading: t('myData.reminders'),
      lines: data.reminders.map((reminder) => line(`${time(reminder.dueAt)}: ${t(`myData.reminderKind.${reminder.kind}`, { defaultValue: reminder.kind })} (${status(reminder.status)})`)),
    },
    {
      id: 'requests',
      heading: t('myData.requests'),
      lines: data.requests.map((request) => line(`${day(request.requestedAt)}: ${t(`myData.requestKind.${request.kind}`)} (${status(request.status)})`, request.reason ? [request.reason] : [])),
    },
    { id: 'accessLog', heading: t('myData.accessLog'), lines: accessLines(data, t).map((text) => line(text)) },
  ];

  return {
    title: t('myData.title'),
    intro: t('myData.intro', { date: day(data.exportedAt) }),
    sections,
    chart: progressSeries(data, (iso) => day(iso), (factor) => t(`progress.factor.${factor}`)),
    hours: data.hours.map((week) => ({ week: week.isoWeek, hours: week.hours })),
  };
}

/** Alert events the citizen is shown; internal ones (delivery, card updates) are in the JSON only. */
const EVENT_WORDS = { created: true, acknowledged: true, replied: true, citizenMessage: true, resolved: true, escalated: true } as const;

/** Each factor's score over the finished check-ins, for the chart. */
function progressSeries(data: CitizenData, day: (iso: string) => string, label: (factor: string) => string): ChartSeries[] {
  const finished = data.checkIns.filter((checkIn) => checkIn.scores && checkIn.completedAt);
  const factors = [...new Set(finished.flatMap((checkIn) => Object.keys(checkIn.scores ?? {})))].sort();
  return factors
    .map((factor) => ({
      factor,
      label: label(factor),
      points: finished.flatMap((checkIn) => {
        const score = checkIn.scores?.[factor];
        return score === null || score === undefined ? [] : [{ day: day(checkIn.completedAt as string), score }];
      }),
    }))
    .filter((series) => series.points.length > 0);
}

/** The document as chat text: every section that has something in it, as a heading with lines; who looked comes last. */
export function documentAsText(view: DataDocumentView, emptyAccessLog: string): string {
  const blocks = view.sections
    .filter((section) => section.lines.length > 0 || section.id === 'accessLog')
    .map((section) => {
      const lines = section.lines.length > 0 ? section.lines.flatMap((line) => [`- ${line.text}`, ...line.sub.map((sub) => `    - ${sub}`)]) : [emptyAccessLog];
      return [`**${section.heading}**`, ...lines].join('\n');
    });
  return blocks.join('\n\n');
}
