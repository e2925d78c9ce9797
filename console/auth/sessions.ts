import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffRole } from '../../domain/access.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';

/** The staff member behind a console session. */
export interface SessionStaff {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  organisationId: string;
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  staff: SessionStaff;
}

export interface SessionTimeouts {
  idleMinutes: number;
  maxHours: number;
}

/** How long a printed sign-in link stays usable. */
const SIGN_IN_LINK_MINUTES = 60;
/** lastSeenAt is written at most this often, so reading a page is not a write each time. */
const TOUCH_EVERY_MS = 60_000;

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes of browser secrets are stored, so a database dump signs no one in. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two short secrets. */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

/** Server-side console sessions in the database (they survive restarts and work across instances). */
export class StaffSessions {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly timeouts: SessionTimeouts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a session; the returned token goes into the cookie and nowhere else. */
  async start(staffId: string): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = secret();
    const now = this.now();
    const maxAgeSeconds = this.timeouts.maxHours * 3600;
    await this.prisma.staffSession.create({
      data: {
        tokenHash: hashSecret(token),
        staffId,
        csrfToken: secret(),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      },
    });
    return { token, maxAgeSeconds };
  }

  /** The live session for a cookie token, or undefined when unknown, ended, idle too long or past its limit. */
  async resolve(token: string | undefined): Promise<ActiveSession | undefined> {
    if (!token) return undefined;
    const now = this.now();
    const session = await this.prisma.staffSession.findUnique({ where: { tokenHash: hashSecret(token) }, include: { staff: true } });
    if (!session || session.endedAt || session.expiresAt <= now || session.staff.deactivatedAt) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > this.timeouts.idleMinutes * 60_000) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.prisma.staffSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
    }
    const { staff } = session;
    return {
      id: session.id,
      csrfToken: session.csrfToken,
      staff: { id: staff.id, name: staff.name, email: staff.email, role: staff.role, organisationId: staff.organisationId },
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.prisma.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: this.now() } });
  }

  /** A one-time sign-in link token for a staff member (local mode prints it at start). */
  async issueSignInLink(staffId: string): Promise<string> {
    const token = secret();
    const now = this.now();
    await this.prisma.staffSignInLink.create({
      data: { tokenHash: hashSecret(token), staffId, createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000) },
    });
    return token;
  }

  /** Uses up a sign-in link: the staff id when it was valid and unused, else undefined. Exactly once, even when raced. */
  async redeemSignInLink(token: string): Promise<string | undefined> {
    const now = this.now();
    const link = await this.prisma.staffSignInLink.findUnique({ where: { tokenHash: hashSecret(token) }, include: { staff: true } });
    if (!link || link.usedAt || link.expiresAt <= now || link.staff.deactivatedAt) return undefined;
    const claimed = await this.prisma.staffSignInLink.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
    return claimed.count === 1 ? link.staffId : undefined;
  }
}
