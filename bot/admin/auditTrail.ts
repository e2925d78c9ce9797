import type { Principal } from '../../domain/access.js';
import type { SettingChange } from '../../domain/settingsPatch.js';
import type { PrismaClient } from '../data/generated/client.js';

/** What the audit page can narrow the trail to. */
export interface AuditFilter {
  staffId?: string | undefined;
  citizenId?: string | undefined;
  /** An action such as "settings.changed", or its prefix ("staff", "alert"). */
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** One thing a staff member did: from the audit log, or an action on an alert (acknowledged, replied, closed, handed over). */
export interface AuditEntry {
  at: Date;
  actorName: string | null;
  action: string;
  /** Whose case or which colleague it concerned, by name; settings concern the organisation. */
  subject: string | null;
  changes: SettingChange[];
}

const ALERT_ACTIONS = ['acknowledged', 'replied', 'resolved', 'handedOver'];

/** The audit trail for the coordinators' page: staff actions and alert actions in one list, newest first. */
export class AuditTrail {
  constructor(private readonly prisma: PrismaClient) {}

  /** Who and whose case the trail can be narrowed to. */
  async choices(principal: Principal): Promise<{ people: Array<{ id: string; name: string }>; citizens: Array<{ id: string; name: string }> }> {
    const { organisationId } = principal;
    const people = await this.prisma.staff.findMany({ where: { organisationId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
    const citizens = await this.prisma.citizen.findMany({ where: { organisationId }, select: { id: true, displayName: true }, orderBy: { displayName: 'asc' } });
    return { people, citizens: citizens.map((citizen) => ({ id: citizen.id, name: citizen.displayName })) };
  }

  async list(principal: Principal, filter: AuditFilter, limit: number, offset: number): Promise<{ entries: AuditEntry[]; more: boolean }> {
    const at = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
    const take = offset + limit + 1;
    const staffInOrg = await this.prisma.staff.findMany({ where: { organisationId: principal.organisationId }, select: { id: true, name: true } });
    const staffNames = new Map(staffInOrg.map((staff) => [staff.id, staff.name]));
    const actors = filter.staffId ? [filter.staffId] : undefined;
    const wantsAlerts = !filter.action || filter.action === 'alert' || filter.action.startsWith('alert.');
    const logs =
      filter.action?.startsWith('alert.') === true
        ? []
        : await this.prisma.auditLog.findMany({
            where: {
              at,
              ...(actors ? { actorStaffId: { in: actors } } : { OR: [{ actorStaffId: null }, { actorStaffId: { in: [...staffNames.keys()] } }] }),
              ...(filter.citizenId ? { entity: 'Citizen', entityId: filter.citizenId } : {}),
              ...(filter.action && filter.action !== 'alert' ? { action: { startsWith: filter.action } } : {}),
            },
            orderBy: { at: 'desc' },
            take,
          });
    const alertEvents = wantsAlerts
      ? await this.prisma.alertEvent.findMany({
          where: {
            at,
            type: { in: filter.action?.startsWith('alert.') ? [filter.action.slice('alert.'.length)] : ALERT_ACTIONS },
            actorStaffId: actors ? { in: actors } : { in: [...staffNames.keys()] },
            alert: { citizen: { organisationId: principal.organisationId, ...(filter.citizenId ? { id: filter.citizenId } : {}) } },
          },
          select: { at: true, type: true, actorStaffId: true, alert: { select: { citizen: { select: { displayName: true } } } } },
          orderBy: { at: 'desc' },
          take,
        })
      : [];
    const citizenIds = logs.filter((log) => log.entity === 'Citizen' && log.entityId).map((log) => log.entityId as string);
    const citizenNames = new Map(
      (await this.prisma.citizen.findMany({ where: { id: { in: citizenIds }, organisationId: principal.organisationId }, select: { id: true, displayName: true } })).map((citizen) => [
        citizen.id,
        citizen.displayName,
      ]),
    );
    const entries: AuditEntry[] = [
      ...logs.map((log) => {
        const detail = (log.detail ?? {}) as { changes?: SettingChange[] };
        const subject = log.entity === 'Citizen' ? citizenNames.get(log.entityId ?? '') : log.entity === 'Staff' ? staffNames.get(log.entityId ?? '') : undefined;
        return { at: log.at, actorName: log.actorStaffId ? (staffNames.get(log.actorStaffId) ?? null) : null, action: log.action, subject: subject ?? null, changes: detail.changes ?? [] };
      }),
      ...alertEvents.map((event) => ({
        at: event.at,
        actorName: event.actorStaffId ? (staffNames.get(event.actorStaffId) ?? null) : null,
        action: `alert.${event.type}`,
        subject: event.alert.citizen.displayName,
        changes: [],
      })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime());
    return { entries: entries.slice(offset, offset + limit), more: entries.length > offset + limit };
  }
}
