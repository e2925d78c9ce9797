import type { Principal } from '../../domain/access.js';
import type { ProgressFacts } from '../../domain/progressView.js';
import { reminderFacts, type TimelineFact } from '../../domain/timeline.js';
import type { Severity } from '../../domain/sla.js';
import type { BarrierStore, BarrierView, GoalStore, GoalView } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { AccessLog } from '../privacy/accessLog.js';
import type { ProgressService } from '../progress/progressService.js';
import { readCitizenSchedule } from '../reminders/citizenSchedule.js';
import { ORGANISATION_ACTOR } from '../alerts/alertHandlers.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';
import { citizenFor } from './citizenAccess.js';

/** Everything the citizen page shows, as loaded: plain data for the view models in domain/. */
export interface CitizenRecord {
  citizen: { id: string; name: string; caseworkerName: string; backupName: string | null; chat: 'none' | 'reachable' | 'unreachable' };
  goals: GoalView[];
  /** In the citizen's own ranking. */
  barriers: BarrierView[];
  progress: ProgressFacts;
  /** PNG charts as base64, drawn by the same code as the citizen's own progress card. */
  charts: { radar: string | null; trend: string | null; hours: string | null };
  reminders: { paused: boolean; silenced: boolean; nextAt: Date | null };
  timeline: TimelineFact[];
  /** The organisation's working time zone: the page tells times in it. */
  timeZone: string;
}

const TIMELINE_ALERTS = 200;

/** Reads one citizen's whole record for their caseworker, authorised exactly as the staff API (403 when not theirs). */
export class CitizenRecordService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly progress: ProgressService,
    private readonly goals: GoalStore,
    private readonly barriers: BarrierStore,
    private readonly accessLog: Pick<AccessLog, 'record'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(principal: Principal, citizenId: string, locale: 'da' | 'en'): Promise<CitizenRecord> {
    const citizen = await citizenFor(this.prisma, principal, citizenId);
    // The citizen may see who looked (issue 14): every opening of the page is one row in the access log.
    await this.accessLog.record(principal, citizen.id, 'citizen-page');
    const [details, settings, history, report, assessments, hours, nextReminder] = await Promise.all([
      this.prisma.citizen.findUniqueOrThrow({
        where: { id: citizen.id },
        include: { caseworker: true, backupCaseworker: true, identities: { select: { unreachableSince: true } } },
      }),
      readOrganisationSettings(this.prisma, citizen.organisationId),
      this.progress.history(citizen.id),
      this.progress.report(citizen.id, locale),
      this.prisma.assessment.findMany({ where: { citizenId: citizen.id }, orderBy: { at: 'asc' }, include: { staff: { select: { name: true } } } }),
      this.prisma.hoursReport.findMany({ where: { citizenId: citizen.id }, orderBy: { isoWeek: 'asc' } }),
      this.prisma.reminder.findFirst({ where: { citizenId: citizen.id, status: 'PENDING' }, orderBy: { dueAt: 'asc' } }),
    ]);
    const schedule = readCitizenSchedule(details.schedule);
    const latestAssessment = assessments.at(-1);
    return {
      citizen: {
        id: details.id,
        name: details.displayName,
        caseworkerName: details.caseworker.name,
        backupName: details.backupCaseworker?.name ?? null,
        chat: details.identities.length === 0 ? 'none' : details.identities.some((identity) => !identity.unreachableSince) ? 'reachable' : 'unreachable',
      },
      goals: await this.goals.list(citizen.id),
      barriers: await this.barriers.current(citizen.id),
      progress: {
        history: history.map((point) => ({ at: point.at, scores: point.scores })),
        assessment: latestAssessment
          ? { score: latestAssessment.score, note: latestAssessment.note, at: latestAssessment.at, by: latestAssessment.staff.name }
          : null,
        hours: hours.map((week) => ({ isoWeek: week.isoWeek, hours: Number(week.hours) })),
      },
      charts: { radar: report?.radarPng ?? null, trend: report?.trendPng ?? null, hours: report?.hoursPng ?? null },
      reminders: { paused: schedule.paused === true, silenced: schedule.silenced === true, nextAt: nextReminder?.dueAt ?? null },
      timeline: [
        ...(await this.alertFacts(citizen.id)),
        ...(await this.progressFacts(citizen.id)),
        ...assessments.map((a): TimelineFact => ({ type: 'assessment', at: a.at, score: a.score, by: a.staff.name, note: a.note })),
        ...hours.map((week): TimelineFact => ({ type: 'hours', at: week.createdAt, isoWeek: week.isoWeek, hours: Number(week.hours) })),
      ],
      timeZone: settings.businessHours.timeZone,
    };
  }

  /** Reports and alerts with what was done about them, and the messages both ways kept on them. */
  private async alertFacts(citizenId: string): Promise<TimelineFact[]> {
    const alerts = await this.prisma.alert.findMany({
      where: { citizenId },
      include: { events: { where: { type: { in: ['acknowledged', 'resolved', 'escalated', 'replied', 'citizenMessage'] } } } },
      orderBy: { createdAt: 'desc' },
      take: TIMELINE_ALERTS,
    });
    const actorIds = [...new Set(alerts.flatMap((alert) => alert.events.map((event) => event.actorStaffId)).filter((id): id is string => id !== null))];
    const actors = new Map((await this.prisma.staff.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
    const facts: TimelineFact[] = [];
    for (const alert of alerts) {
      const payload = alert.payload as { citizenText?: string };
      // A conversation the caseworker started is told by its messages, not as a report.
      if (alert.kind !== 'conversation') {
        facts.push({ type: 'alert', at: alert.createdAt, kind: alert.kind, severity: alert.severity as Severity, ...(payload.citizenText ? { citizenText: payload.citizenText } : {}) });
      }
      for (const event of alert.events) {
        const by = event.actorStaffId ? (actors.get(event.actorStaffId) ?? null) : null;
        const text = (event.detail as { text?: string }).text ?? '';
        if (event.type === 'replied') facts.push({ type: 'staffMessage', at: event.at, by: by ?? ORGANISATION_ACTOR, text });
        else if (event.type === 'citizenMessage') facts.push({ type: 'citizenMessage', at: event.at, text });
        else if (alert.kind !== 'conversation') {
          facts.push({ type: 'alertHandled', at: event.at, kind: alert.kind, action: event.type as 'acknowledged' | 'resolved' | 'escalated', by });
        }
      }
    }
    return facts;
  }

  /** Check-ins, goals and steps, reminders, enrollment and consent. */
  private async progressFacts(citizenId: string): Promise<TimelineFact[]> {
    const [checkIns, goals, reminders, enrolments, consents] = await Promise.all([
      this.prisma.checkIn.findMany({ where: { citizenId, status: { in: ['COMPLETED', 'PARTIAL'] }, completedAt: { not: null } } }),
      this.prisma.goal.findMany({ where: { citizenId }, include: { steps: true } }),
      this.prisma.reminder.findMany({ where: { citizenId, sentAt: { not: null } }, orderBy: { sentAt: 'desc' }, take: 100 }),
      this.prisma.auditLog.findMany({ where: { action: 'enrollment.redeemed', entity: 'Citizen', entityId: citizenId } }),
      this.prisma.consentRecord.findMany({ where: { citizenId } }),
    ]);
    const now = this.now();
    return [
      ...checkIns.map((checkIn): TimelineFact => ({ type: 'checkIn', at: checkIn.completedAt as Date, partial: checkIn.status === 'PARTIAL' })),
      ...goals.flatMap((goal): TimelineFact[] => [
        { type: 'goal', at: goal.createdAt, event: 'created', text: goal.text },
        ...(goal.status === 'ACHIEVED' || goal.status === 'DROPPED'
          ? [{ type: 'goal' as const, at: goal.updatedAt, event: goal.status === 'ACHIEVED' ? ('achieved' as const) : ('dropped' as const), text: goal.text }]
          : []),
        ...goal.steps.flatMap((step): TimelineFact[] => [
          { type: 'step', at: step.createdAt, event: 'created', text: step.text },
          ...(step.status === 'DONE' && step.completedAt ? [{ type: 'step' as const, at: step.completedAt, event: 'done' as const, text: step.text }] : []),
        ]),
      ]),
      ...reminders.flatMap((reminder) => reminderFacts(reminder, now)),
      ...enrolments.map((entry): TimelineFact => ({ type: 'enrolled', at: entry.at })),
      ...consents.map((consent): TimelineFact => ({ type: 'consent', at: consent.at, decision: consent.decision })),
    ];
  }
}
