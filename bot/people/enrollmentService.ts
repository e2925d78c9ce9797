import { randomBytes } from 'node:crypto';
import {
  classifyEnrollmentCode,
  generateEnrollmentCode,
  hashEnrollmentCode,
  MAX_WRONG_CODES_PER_HOUR,
  parseEnrollmentAttempt,
} from '../../domain/enrollment.js';
import type { PrismaClient } from '../data/generated/client.js';
import { AbuseLimit, type LimitStore } from '../http/abuseLimits.js';
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
  /** `channelId/conversationId`: wrong attempts count per conversation too (and are recorded with it). */
  conversationKey: string;
  /** The browser's address, when the channel knows it (the embedded web chat): limits guessing from one client across new conversations. */
  clientAddress?: string;
  text: string;
  /** The botbuilder conversation reference, stored for proactive messages. */
  reference: object;
}

const DAY_MS = 86_400_000;
const HOUR_S = 3600;

/**
 * Wrong codes allowed per hour: per conversation, per person (whatever
 * conversation they write from), per client address (a web chat hands out a new
 * person per conversation) and for everyone together. Reaching one of the first
 * three locks that one out for an hour.
 */
export const ENROLLMENT_LIMITS = {
  conversation: { points: MAX_WRONG_CODES_PER_HOUR, durationSeconds: HOUR_S, blockSeconds: HOUR_S },
  person: { points: MAX_WRONG_CODES_PER_HOUR, durationSeconds: HOUR_S, blockSeconds: HOUR_S },
  address: { points: 10, durationSeconds: HOUR_S, blockSeconds: HOUR_S },
  everyone: { points: 300, durationSeconds: HOUR_S },
} as const;

export type EnrollmentLimits = Record<keyof typeof ENROLLMENT_LIMITS, AbuseLimit>;

export function enrollmentLimits(store: LimitStore): EnrollmentLimits {
  return {
    conversation: new AbuseLimit(store, 'enroll-conversation', ENROLLMENT_LIMITS.conversation),
    person: new AbuseLimit(store, 'enroll-person', ENROLLMENT_LIMITS.person),
    address: new AbuseLimit(store, 'enroll-address', ENROLLMENT_LIMITS.address),
    everyone: new AbuseLimit(store, 'enroll-all', ENROLLMENT_LIMITS.everyone),
  };
}

/** Issues one-time enrollment codes and links a channel identity to the citizen or staff member a code names. */
export class EnrollmentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly ttlDays: number,
    private readonly now: () => Date = () => new Date(),
    private readonly limits: EnrollmentLimits = enrollmentLimits('memory'),
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
    const counters = this.countersFor(request);
    const blocked = await Promise.all(counters.map(([limit, key]) => limit.blockedFor(key)));
    if (blocked.some((seconds) => seconds !== undefined)) return { kind: 'locked-out' };

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
      await Promise.all(counters.map(([limit, key]) => limit.consume(key)));
    }
    return outcome;
  }

  private countersFor(request: RedeemRequest): Array<[AbuseLimit, string]> {
    return [
      [this.limits.conversation, request.conversationKey],
      [this.limits.person, `${request.channelId}/${request.userId}`],
      ...(request.clientAddress ? [[this.limits.address, request.clientAddress] as [AbuseLimit, string]] : []),
      [this.limits.everyone, 'all'],
    ];
  }
}
