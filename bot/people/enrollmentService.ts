import { randomBytes } from 'node:crypto';
import {
  classifyEnrollmentCode,
  generateEnrollmentCode,
  hashEnrollmentCode,
  isEnrollmentLockedOut,
  parseEnrollmentAttempt,
} from '../../domain/enrollment.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { LinkedPerson } from './peopleDirectory.js';
import { toLinkedPerson } from './peopleDirectory.js';

export type RedeemOutcome =
  | { kind: 'not-a-code' }
  | { kind: 'locked-out' }
  | { kind: 'unknown' | 'expired' | 'used' }
  | { kind: 'linked'; person: LinkedPerson };

export interface RedeemRequest {
  channelId: string;
  userId: string;
  /** Rate limits count per conversation, so one person cannot guess from many tabs of one chat. */
  conversationKey: string;
  text: string;
  /** The botbuilder conversation reference, stored for proactive messages. */
  reference: object;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Issues one-time enrollment codes and links a channel identity to the citizen or staff member a code names. */
export class EnrollmentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly ttlDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh code for a citizen or a staff member; only its hash is stored. */
  async issue(owner: { citizenId: string } | { staffId: string }): Promise<string> {
    const code = generateEnrollmentCode(randomBytes);
    await this.prisma.enrollmentCode.create({
      data: {
        ...owner,
        codeHash: hashEnrollmentCode(code),
        expiresAt: new Date(this.now().getTime() + this.ttlDays * DAY_MS),
      },
    });
    return code;
  }

  async redeem(request: RedeemRequest): Promise<RedeemOutcome> {
    const attempt = parseEnrollmentAttempt(request.text);
    if (!attempt) return { kind: 'not-a-code' };

    const now = this.now();
    const wrongAttempts = await this.prisma.enrollmentAttempt.count({
      where: { conversationKey: request.conversationKey, at: { gt: new Date(now.getTime() - HOUR_MS) } },
    });
    if (isEnrollmentLockedOut(wrongAttempts)) return { kind: 'locked-out' };

    const outcome = await this.prisma.$transaction(async (tx) => {
      const code = await tx.enrollmentCode.findUnique({ where: { codeHash: hashEnrollmentCode(attempt) } });
      if (!code) return { kind: 'unknown' } as const;
      const state = classifyEnrollmentCode(code, now);
      if (state !== 'valid') return { kind: state } as const;
      // Claim the code atomically: of two people sending it at once, one wins.
      const claimed = await tx.enrollmentCode.updateMany({ where: { id: code.id, usedAt: null }, data: { usedAt: now } });
      if (claimed.count !== 1) return { kind: 'used' } as const;
      const link = { citizenId: code.citizenId, staffId: code.staffId, unreachableSince: null };
      const identity = await tx.channelIdentity.upsert({
        where: { channelId_userId: { channelId: request.channelId, userId: request.userId } },
        create: { channelId: request.channelId, userId: request.userId, conversationReference: request.reference, ...link },
        update: { conversationReference: request.reference, ...link },
        include: { citizen: true, staff: true },
      });
      await tx.auditLog.create({
        data: { action: 'enrollment.redeemed', entity: code.citizenId ? 'Citizen' : 'Staff', entityId: code.citizenId ?? code.staffId },
      });
      const person = toLinkedPerson(identity);
      if (!person) throw new Error('Enrollment code has no owner');
      return { kind: 'linked', person } as const;
    });

    if (outcome.kind === 'unknown' || outcome.kind === 'expired' || outcome.kind === 'used') {
      await this.prisma.enrollmentAttempt.create({ data: { conversationKey: request.conversationKey, at: now } });
    }
    return outcome;
  }
}
