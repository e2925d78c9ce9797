import type { Principal } from '../../domain/access.js';
import type { AccessCategory, AccessEntry } from '../../domain/privacy/accessLog.js';
import type { Prisma, PrismaClient } from '../data/generated/client.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** The filters coordinators use in the console; all optional. */
export interface AccessLogFilter {
  citizenId?: string | undefined;
  staffId?: string | undefined;
  category?: AccessCategory | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * Records staff reads of citizens' data (GDPR Art. 15: the citizen may see who looked). Append-only: rows are
 * only ever inserted, and removed only with the citizen (erasure, retention). One call per read, whatever the path.
 */
export class AccessLog {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One row per citizen read (a list showing several citizens writes one row for each), in one statement. */
  async record(principal: Principal, citizenIds: string | readonly string[], category: AccessCategory, reason?: string | null, db: Db = this.prisma): Promise<void> {
    const ids = [...new Set(typeof citizenIds === 'string' ? [citizenIds] : citizenIds)];
    if (ids.length === 0) return;
    const at = this.now();
    await db.accessLog.createMany({
      data: ids.map((citizenId) => ({ citizenId, staffId: principal.staffId, role: principal.role, category, reason: reason ?? null, at })),
    });
  }

  /** Who looked at this citizen's data, newest first, with staff names. */
  async forCitizen(citizenId: string, db: Db = this.prisma): Promise<AccessEntry[]> {
    const rows = await db.accessLog.findMany({ where: { citizenId }, orderBy: { at: 'desc' }, include: { staff: { select: { name: true } } } });
    return rows.map((row) => ({ at: row.at, staffName: row.staff?.name ?? null, role: row.role, category: row.category, reason: row.reason }));
  }

  /** Who and whom the filters can name: the organisation's citizens and staff, by name. */
  async filterChoices(organisationId: string) {
    const [citizens, staff] = await Promise.all([
      this.prisma.citizen.findMany({ where: { organisationId }, select: { id: true, displayName: true }, orderBy: { displayName: 'asc' } }),
      this.prisma.staff.findMany({ where: { organisationId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    ]);
    return { citizens: citizens.map((citizen) => ({ id: citizen.id, name: citizen.displayName })), staff };
  }

  /** The log across an organisation, filtered, newest first (coordinators). */
  async search(organisationId: string, filter: AccessLogFilter, take = 200) {
    const citizenIds = (await this.prisma.citizen.findMany({ where: { organisationId, ...(filter.citizenId ? { id: filter.citizenId } : {}) }, select: { id: true } })).map((row) => row.id);
    return this.prisma.accessLog.findMany({
      where: {
        citizenId: { in: citizenIds },
        ...(filter.staffId ? { staffId: filter.staffId } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
      },
      orderBy: { at: 'desc' },
      take,
      include: { staff: { select: { name: true } } },
    });
  }
}

/**
 * The same row as AccessLog.record, in one statement from ids alone (role from the staff row, citizen from the
 * alert), for delivery paths that know only who received which alert and must not hold the outbox up.
 */
export async function recordAccessByIds(db: Db, staffId: string, alertId: string, category: AccessCategory, at: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "AccessLog" (id, "citizenId", "staffId", role, category, reason, at)
    SELECT gen_random_uuid()::text, a."citizenId", s.id, s.role, ${category}, a.id, ${at}
    FROM "Alert" a, "Staff" s WHERE a.id = ${alertId} AND s.id = ${staffId}`;
}

