import type { StaffNow } from '../../domain/alertRecipient.js';
import type { PrismaClient } from '../data/generated/client.js';

type Reader = Pick<PrismaClient, 'staff'>;

/** The named staff members as the alert rule sees them at `now`: active or not, and the absence covering now. */
export async function staffNow(db: Reader, staffIds: Array<string | null | undefined>, now: Date): Promise<Map<string, StaffNow>> {
  const ids = [...new Set(staffIds.filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return new Map();
  const rows = await db.staff.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      deactivatedAt: true,
      absences: {
        where: { cancelledAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
        orderBy: { endsAt: 'desc' },
        take: 1,
        select: { substituteId: true, endsAt: true },
      },
    },
  });
  return new Map(rows.map((row) => [row.id, { id: row.id, active: row.deactivatedAt === null, absence: row.absences[0] ?? null }]));
}
