import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../bot/data/database.js';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import { StaffSessions } from '../../console/auth/sessions.js';
import { openMigratedDatabase } from '../support/database.js';

describe('console sessions in the database', () => {
  let db: Database;
  let staffId = '';
  let now = new Date('2026-11-24T08:00:00Z');
  const clock = () => now;
  const minutes = (n: number) => {
    now = new Date(now.getTime() + n * 60_000);
  };
  let sessions: StaffSessions;

  beforeAll(async () => {
    db = await openMigratedDatabase();
    staffId = (await db.prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Mette', email: 'm@example.dk', role: 'CASEWORKER' } })).id;
    sessions = new StaffSessions(db.prisma, { idleMinutes: 30, maxHours: 2 }, clock);
  });
  afterAll(async () => {
    await db.close();
  });

  it('when a session is started, then only the hash of its token is stored and the token resolves to the staff member', async () => {
    const { token, maxAgeSeconds } = await sessions.start(staffId);
    expect(maxAgeSeconds).toBe(7200);
    expect(await db.prisma.staffSession.count({ where: { tokenHash: token } })).toBe(0);
    expect((await sessions.resolve(token))?.staff).toMatchObject({ id: staffId, role: 'CASEWORKER' });
    expect(await sessions.resolve('made-up')).toBeUndefined();
  });

  it('when it is used within the idle time, then it stays alive; when left idle longer, then it ends', async () => {
    const { token } = await sessions.start(staffId);
    minutes(25);
    expect(await sessions.resolve(token)).toBeDefined();
    minutes(25);
    expect(await sessions.resolve(token)).toBeDefined();
    minutes(31);
    expect(await sessions.resolve(token)).toBeUndefined();
  });

  it('when it is kept busy past the absolute limit, then it ends anyway', async () => {
    const { token } = await sessions.start(staffId);
    for (let i = 0; i < 5; i += 1) {
      minutes(20);
      expect(await sessions.resolve(token)).toBeDefined();
    }
    minutes(20);
    expect(await sessions.resolve(token)).toBeUndefined();
  });

  it('when the session is ended (sign-out) or the person is deactivated, then it no longer resolves', async () => {
    const first = await sessions.start(staffId);
    const session = await sessions.resolve(first.token);
    await sessions.end(session?.id as string);
    expect(await sessions.resolve(first.token)).toBeUndefined();

    const second = await sessions.start(staffId);
    await db.prisma.staff.update({ where: { id: staffId }, data: { deactivatedAt: now } });
    expect(await sessions.resolve(second.token)).toBeUndefined();
    expect(await sessions.redeemSignInLink(await sessions.issueSignInLink(staffId))).toBeUndefined();
    await db.prisma.staff.update({ where: { id: staffId }, data: { deactivatedAt: null } });
  });

  it('when a sign-in link is redeemed twice at once, then exactly one wins; and an old link does not work', async () => {
    const token = await sessions.issueSignInLink(staffId);
    const results = await Promise.all([sessions.redeemSignInLink(token), sessions.redeemSignInLink(token)]);
    expect(results.filter(Boolean)).toEqual([staffId]);
    const old = await sessions.issueSignInLink(staffId);
    minutes(61);
    expect(await sessions.redeemSignInLink(old)).toBeUndefined();
  });
});
