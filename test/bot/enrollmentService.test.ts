import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import type { Database } from '../../bot/data/database.js';
import { EnrollmentService, type RedeemRequest } from '../../bot/people/enrollmentService.js';
import { PeopleDirectory } from '../../bot/people/peopleDirectory.js';
import { openMigratedDatabase } from '../support/database.js';

describe('enrollment', () => {
  let db: Database;
  let now: Date;
  let service: EnrollmentService;
  let citizenId: string;
  let conversation = 0;

  const attempt = (text: string, overrides: Partial<RedeemRequest> = {}) => {
    conversation += 1;
    return service.redeem({
      channelId: 'test',
      userId: `user-${conversation}`,
      conversationKey: `test/conv-${conversation}`,
      text,
      reference: { conversation: { id: `conv-${conversation}` } },
      ...overrides,
    });
  };

  beforeAll(async () => {
    db = await openMigratedDatabase();
    now = new Date('2026-11-23T09:00:00Z');
    service = new EnrollmentService(db.prisma, 14, () => now);
    const caseworker = await db.prisma.staff.create({
      data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Mette', email: 'mette@example.dk', role: 'CASEWORKER' },
    });
    const citizen = await db.prisma.citizen.create({
      data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: 'Anna', caseworkerId: caseworker.id, locale: 'en' },
    });
    citizenId = citizen.id;
  });
  afterAll(async () => {
    await db.close();
  });

  it('when a valid code is sent, then the identity is linked with its reference and the code is spent', async () => {
    const code = await service.issue({ citizenId });
    const outcome = await attempt(code, { userId: 'anna', conversationKey: 'test/anna' });
    expect(outcome).toMatchObject({ kind: 'linked', person: { kind: 'citizen', citizenId, name: 'Anna', locale: 'en' } });
    const person = await new PeopleDirectory(db.prisma, db.pool).find('test', 'anna');
    expect(person).toMatchObject({ kind: 'citizen', citizenId });
    const identity = await db.prisma.channelIdentity.findUniqueOrThrow({ where: { channelId_userId: { channelId: 'test', userId: 'anna' } } });
    expect(identity.conversationReference).toEqual({ conversation: { id: `conv-${conversation}` } });
  });

  it('when a code is reused, then it is refused as used', async () => {
    const code = await service.issue({ citizenId });
    expect((await attempt(code)).kind).toBe('linked');
    expect((await attempt(code)).kind).toBe('used');
  });

  it('when a code has expired, then it is refused as expired', async () => {
    const code = await service.issue({ citizenId });
    const issuedAt = now;
    now = new Date(issuedAt.getTime() + 14 * 86_400_000);
    expect((await attempt(code)).kind).toBe('expired');
    now = issuedAt;
  });

  it('when the same code is sent by two people at once, then only one is linked', async () => {
    const code = await service.issue({ citizenId });
    const outcomes = await Promise.all([attempt(code), attempt(code)]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['linked', 'used']);
  });

  it('when text is not shaped like a code, then it is not an attempt and costs nothing', async () => {
    for (let i = 0; i < 8; i += 1) {
      expect((await attempt('hej med dig', { conversationKey: 'test/chatty' })).kind).toBe('not-a-code');
    }
    expect(await db.prisma.enrollmentAttempt.count({ where: { conversationKey: 'test/chatty' } })).toBe(0);
  });

  it('when six wrong codes come from one conversation in an hour, then the sixth and later are refused, even a valid one, until the hour has passed', async () => {
    const key = { conversationKey: 'test/guesser' };
    const kinds: string[] = [];
    for (let i = 0; i < 5; i += 1) kinds.push((await attempt(`ABCD-EFG${i + 2}`, key)).kind);
    expect(kinds).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect((await attempt('ABCD-EFG9', key)).kind).toBe('locked-out');
    const valid = await service.issue({ citizenId });
    expect((await attempt(valid, key)).kind).toBe('locked-out');
    expect((await attempt(valid, { conversationKey: 'test/someone-else' })).kind).toBe('linked');

    // The limits' counters read the system clock: move it (and the service's) past the hour.
    const start = now;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60_000);
    now = new Date(start.getTime() + 61 * 60_000);
    try {
      const fresh = await service.issue({ citizenId });
      expect((await attempt(fresh, key)).kind).toBe('linked');
    } finally {
      vi.useRealTimers();
      now = start;
    }
  });
});
