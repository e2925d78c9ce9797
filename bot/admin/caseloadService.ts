import type { Principal } from '../../domain/access.js';
import type { CaseloadFacts } from '../../domain/caseload.js';
import type { Severity } from '../../domain/sla.js';
import type { Prisma, PrismaClient } from '../data/generated/client.js';
import type { ProgressService } from '../progress/progressService.js';
import { readCitizenSchedule } from '../reminders/citizenSchedule.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';

/** Which citizens a principal sees: a caseworker their own (and those they back up), a coordinator all. */
export function visibleCitizensWhere(principal: Principal): Prisma.CitizenWhereInput {
  return {
    organisationId: principal.organisationId,
    ...(principal.role === 'COORDINATOR' ? {} : { OR: [{ caseworkerId: principal.staffId ?? '' }, { backupCaseworkerId: principal.staffId ?? '' }] }),
  };
}

const SEVERITY_ORDER: Severity[] = ['CRISIS', 'URGENT', 'NORMAL'];

/** The caseload: each visible citizen with what matters at a glance, read in a fixed number of queries plus one per citizen for scores. */
export class CaseloadService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly progress: ProgressService,
  ) {}

  async list(principal: Principal): Promise<{ citizens: CaseloadFacts[]; timeZone: string }> {
    const citizens = await this.prisma.citizen.findMany({
      where: { ...visibleCitizensWhere(principal), status: { not: 'ENDED' } },
      include: { caseworker: { select: { name: true } } },
      orderBy: { displayName: 'asc' },
    });
    const ids = citizens.map((citizen) => citizen.id);
    const [alerts, reminders, consents, assessments, messages, settings] = await Promise.all([
      this.prisma.alert.groupBy({ by: ['citizenId', 'severity'], where: { citizenId: { in: ids }, status: { not: 'RESOLVED' } }, _count: true }),
      this.prisma.reminder.groupBy({ by: ['citizenId'], where: { citizenId: { in: ids }, status: 'PENDING' }, _min: { dueAt: true } }),
      this.prisma.consentRecord.findMany({ where: { citizenId: { in: ids } }, orderBy: { at: 'desc' }, distinct: ['citizenId'] }),
      this.prisma.assessment.findMany({ where: { citizenId: { in: ids } }, orderBy: { at: 'desc' }, distinct: ['citizenId'] }),
      this.lastCitizenMessages(ids),
      readOrganisationSettings(this.prisma, principal.organisationId),
    ]);
    const facts: CaseloadFacts[] = [];
    for (const citizen of citizens) {
      const open = alerts.filter((group) => group.citizenId === citizen.id);
      const schedule = readCitizenSchedule(citizen.schedule);
      const summary = await this.progress.summary(citizen.id);
      facts.push({
        citizenId: citizen.id,
        name: citizen.displayName,
        caseworkerName: citizen.caseworker.name,
        openAlerts: open.reduce((sum, group) => sum + group._count, 0),
        mostSevere: SEVERITY_ORDER.find((severity) => open.some((group) => group.severity === severity)) ?? null,
        lastCitizenMessageAt: messages.get(citizen.id) ?? null,
        nextReminderAt: reminders.find((group) => group.citizenId === citizen.id)?._min.dueAt ?? null,
        paused: schedule.paused === true,
        silenced: schedule.silenced === true,
        consent: consents.find((consent) => consent.citizenId === citizen.id)?.decision ?? null,
        lastCheckIn: summary ? { at: summary.at, latest: summary.latest, previous: summary.previous } : null,
        factorF: assessments.find((assessment) => assessment.citizenId === citizen.id)?.score ?? null,
      });
    }
    return { citizens: facts, timeZone: settings.businessHours.timeZone };
  }

  /** When each citizen last wrote something to their caseworker: a report in their own words, or a message in a thread. */
  private async lastCitizenMessages(ids: string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<Array<{ citizenId: string; at: Date }>>`
      SELECT "citizenId", max(at) AS at FROM (
        SELECT "citizenId", "createdAt" AS at FROM "Alert" WHERE "citizenId" = ANY(${ids}) AND payload ? 'citizenText'
        UNION ALL
        SELECT a."citizenId", e.at FROM "AlertEvent" e JOIN "Alert" a ON a.id = e."alertId"
        WHERE a."citizenId" = ANY(${ids}) AND e.type = 'citizenMessage'
      ) messages GROUP BY "citizenId"`;
    return new Map(rows.map((row) => [row.citizenId, row.at]));
  }
}
