import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal, StaffRole } from '../../domain/access.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AppError } from '../errors.js';

/** The organisation created by the first migration; single-tenant until a later issue needs more. */
export const DEFAULT_ORGANISATION_ID = '00000000-0000-4000-8000-000000000001';

/** A new personal API token; shown once, stored only as its hash. */
export function generateApiToken(): string {
  return `lsg_${randomBytes(32).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Resolves `Authorization: Bearer …` to a principal: the bootstrap ADMIN_TOKEN or a staff member's token. */
export class StaffAuthenticator {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly adminToken: string | undefined,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new AppError('UNAUTHENTICATED');
    if (this.adminToken && sameSecret(token, this.adminToken)) {
      return { role: 'COORDINATOR', staffId: null, organisationId: DEFAULT_ORGANISATION_ID };
    }
    const stored = await this.prisma.apiToken.findUnique({
      where: { tokenHash: hashApiToken(token) },
      include: { staff: true },
    });
    // A deactivated person's tokens are revoked when they leave; checking here too keeps it so whatever happened since.
    if (!stored || stored.revokedAt || stored.staff.deactivatedAt) throw new AppError('UNAUTHENTICATED');
    return { role: stored.staff.role, staffId: stored.staff.id, organisationId: stored.staff.organisationId };
  }
}

/** Throws 403 unless the principal has one of the roles. */
export function requireRole(principal: Principal, ...roles: StaffRole[]): void {
  if (!roles.includes(principal.role)) throw new AppError('FORBIDDEN');
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
