import type { Principal } from '../../domain/access.js';
import { type AlertHistory, type AnswerFigures, checkInCompletion, howWeAnswer } from '../../domain/alertMetrics.js';
import { durationMs, type Severity } from '../../domain/sla.js';
import type { PrismaClient } from '../data/generated/client.js';
import { readCitizenSchedule } from '../reminders/citizenSchedule.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';

/** "How we answer" for a period, for the dashboard page, its CSV and the API. */
export interface AnswerDashboard {
  from: Date;
  to: Date;
  all: AnswerFigures;
  bySeverity: Record<Severity, AnswerFigures>;
  byCaseworker: Array<{ staffId: string; name: string; figures: AnswerFigures }>;
  silencedCitizens: number;
  checkIns: { invited: number; completed: number; rate: number | null };
}

/** Loads the alert events of a period and hands them to the pure functions in domain/alertMetrics.ts. */
export class AnswerDashboardService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forPeriod(principal: Principal, from: Date, to: Date): Promise<AnswerDashboard> {
    const now = this.now();
    const organisationId = principal.organisationId;
    const rows = await this.prisma.alert.findMany({
      where: { citizen: { organisationId }, createdAt: { gte: from, lt: to } },
      select: {
        severity: true,
        assigneeId: true,
        createdAt: true,
        acknowledgedAt: true,
        resolvedAt: true,
        dueAt: true,
        events: { where: { type: { in: ['created', 'escalated'] } }, select: { type: true, detail: true }, orderBy: { at: 'asc' } },
      },
    });
    const history: AlertHistory[] = rows.map((row) => {
      const created = row.events.find((event) => event.type === 'created')?.detail as { assigneeId?: string } | undefined;
      const escalations = row.events.filter((event) => event.type === 'escalated');
      // Escalating moves the deadline on; an escalated alert has missed its first one, so it counts as due already.
      return {
        severity: row.severity,
        caseworkerId: created?.assigneeId ?? row.assigneeId,
        createdAt: row.createdAt,
        acknowledgedAt: row.acknowledgedAt,
        resolvedAt: row.resolvedAt,
        dueAt: escalations.length > 0 ? row.createdAt : row.dueAt,
        escalations: escalations.length,
      };
    });
    const answer = howWeAnswer(history, now < to ? now : to);
    const names = new Map(
      (await this.prisma.staff.findMany({ where: { id: { in: [...answer.byCaseworker.keys()] } }, select: { id: true, name: true } })).map((staff) => [staff.id, staff.name]),
    );
    const citizens = await this.prisma.citizen.findMany({ where: { organisationId, status: 'ACTIVE' }, select: { schedule: true } });
    const settings = await readOrganisationSettings(this.prisma, organisationId);
    const invitations = await this.prisma.reminder.findMany({
      where: { kind: 'checkIn', sentAt: { gte: from, lt: to }, citizen: { organisationId } },
      select: { citizenId: true, sentAt: true },
    });
    const completions = await this.prisma.checkIn.findMany({
      where: { status: 'COMPLETED', completedAt: { gte: from }, citizen: { organisationId } },
      select: { citizenId: true, completedAt: true },
    });
    return {
      from,
      to,
      all: answer.all,
      bySeverity: answer.bySeverity,
      byCaseworker: [...answer.byCaseworker]
        .map(([staffId, figures]) => ({ staffId, name: names.get(staffId) ?? '—', figures }))
        .sort((a, b) => a.name.localeCompare(b.name, 'da')),
      silencedCitizens: citizens.filter((citizen) => readCitizenSchedule(citizen.schedule).silenced === true).length,
      checkIns: checkInCompletion(
        invitations.map((invitation) => ({ citizenId: invitation.citizenId, sentAt: invitation.sentAt as Date })),
        completions.map((done) => ({ citizenId: done.citizenId, completedAt: done.completedAt as Date })),
        durationMs(settings.reminders.checkInCadence),
      ),
    };
  }
}
