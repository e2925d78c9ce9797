import type { Principal } from '../../domain/access.js';
import { type AlertFacts, byUrgency } from '../../domain/alertView.js';
import type { Severity } from '../../domain/sla.js';
import type { Prisma, PrismaClient } from '../data/generated/client.js';
import { AccessLog } from '../privacy/accessLog.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';

/** Which alerts a principal may list: a caseworker their own citizens' and those passed on to them; a coordinator all. */
export function visibleAlertsWhere(principal: Principal): Prisma.AlertWhereInput {
  return {
    citizen: { organisationId: principal.organisationId },
    ...(principal.role === 'COORDINATOR'
      ? {}
      : { OR: [{ assigneeId: principal.staffId ?? '' }, { citizen: { caseworkerId: principal.staffId ?? '' } }] }),
  };
}

export interface InboxFilters {
  severity?: Severity | undefined;
  /** Waiting = open and acknowledged (the default). */
  status: 'waiting' | 'OPEN' | 'ACKNOWLEDGED';
  citizenId?: string | undefined;
}

export interface InboxContents {
  alerts: AlertFacts[];
  /** Citizens with waiting alerts, for the filter; by name. */
  citizens: Array<{ id: string; name: string }>;
  /** The organisation's working time zone, in which deadlines are told. */
  timeZone: string;
}

/** What the alert view model reads, from an alert row loaded with its citizen and assignee. */
export function toAlertFacts(row: {
  id: string;
  kind: string;
  severity: Severity;
  status: AlertFacts['status'];
  dueAt: Date;
  escalationLevel: number;
  assigneeId: string;
  assignee: { name: string };
  citizenId: string;
  citizen: { displayName: string };
  payload: unknown;
}): AlertFacts {
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    status: row.status,
    dueAt: row.dueAt,
    escalationLevel: row.escalationLevel,
    assigneeId: row.assigneeId,
    assigneeName: row.assignee.name,
    citizenId: row.citizenId,
    citizenName: row.citizen.displayName,
    payload: row.payload,
  };
}

/** Never more rows on one page than this; the most urgent come first. */
const INBOX_LIMIT = 300;

/** The caseworker's inbox: what is waiting for them, most urgent first. Read-only; actions go through AlertActions. */
export class AlertInbox {
  constructor(
    private readonly prisma: PrismaClient,
    /** A listing shown is a staff read of the citizens on it (their words are in the rows). */
    private readonly accessLog: AccessLog = new AccessLog(prisma),
  ) {}

  async list(principal: Principal, filters: InboxFilters): Promise<InboxContents> {
    const visible = visibleAlertsWhere(principal);
    const waiting: Prisma.AlertWhereInput = { ...visible, status: { in: ['OPEN', 'ACKNOWLEDGED'] } };
    const [rows, citizens, settings] = await Promise.all([
      this.prisma.alert.findMany({
        where: {
          AND: [
            waiting,
            filters.status === 'waiting' ? {} : { status: filters.status },
            filters.severity ? { severity: filters.severity } : {},
            filters.citizenId ? { citizenId: filters.citizenId } : {},
          ],
        },
        include: { citizen: { select: { id: true, displayName: true } }, assignee: { select: { name: true } } },
        orderBy: { dueAt: 'asc' },
        take: INBOX_LIMIT,
      }),
      this.prisma.citizen.findMany({
        where: { alerts: { some: waiting } },
        select: { id: true, displayName: true },
        orderBy: { displayName: 'asc' },
      }),
      readOrganisationSettings(this.prisma, principal.organisationId),
    ]);
    const alerts = rows.map(toAlertFacts);
    return {
      alerts: alerts.sort(byUrgency),
      citizens: citizens.map((citizen) => ({ id: citizen.id, name: citizen.displayName })),
      timeZone: settings.businessHours.timeZone,
    };
  }

  /** Records that staff saw these citizens' alerts: a page shown, or a live update that brought something new. */
  async viewed(principal: Principal, alerts: ReadonlyArray<{ citizenId: string }>): Promise<void> {
    await this.accessLog.record(principal, alerts.map((alert) => alert.citizenId), 'alert-list');
  }
}
