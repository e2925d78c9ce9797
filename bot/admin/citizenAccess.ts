import { canActOnCitizen, type Principal } from '../../domain/access.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';

/** Loads a citizen the principal may act on: 404 when unknown, 403 when not theirs. */
export async function citizenFor(prisma: PrismaClient, principal: Principal, citizenId: string) {
  const citizen = await prisma.citizen.findUnique({ where: { id: citizenId } });
  if (!citizen) throw new AppError('NOT_FOUND');
  if (!canActOnCitizen(principal, citizen)) throw new AppError('FORBIDDEN');
  return citizen;
}

/** Every staff action is audited with who did it; no personal data in the detail. */
export async function audit(prisma: PrismaClient, principal: Principal, action: string, entity: string, entityId: string) {
  await prisma.auditLog.create({ data: { actorStaffId: principal.staffId, action, entity, entityId } });
}
