import type { PrismaClient } from '../data/generated/client.js';

/** The name people are told when the bootstrap admin token (no person) acted. */
export const ORGANISATION_ACTOR = 'Jobcentret';

/** A staff member's name as told to others, or the organisation's when no person acted. */
export async function actorName(prisma: PrismaClient, staffId: string | null | undefined): Promise<string> {
  const staff = staffId ? await prisma.staff.findUnique({ where: { id: staffId }, select: { name: true } }) : null;
  return staff?.name ?? ORGANISATION_ACTOR;
}

/** Who last acknowledged or resolved an alert. */
export async function handledBy(prisma: PrismaClient, alertId: string, status: 'ACKNOWLEDGED' | 'RESOLVED'): Promise<string> {
  const event = await prisma.alertEvent.findFirst({
    where: { alertId, type: status === 'RESOLVED' ? 'resolved' : 'acknowledged' },
    orderBy: { at: 'desc' },
    select: { actorStaffId: true },
  });
  return actorName(prisma, event?.actorStaffId);
}
