import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/data/database.js';
import { DataRequests } from '../../../bot/privacy/dataRequests.js';
import type { Principal } from '../../../domain/access.js';
import type { RaiseAlert } from '../../../dialogs/services.js';
import { openMigratedDatabase } from '../../support/database.js';
import { createScratchDatabase, skipWithoutPostgres } from '../../support/postgres.js';
import { rowsContaining, seedCaseworker, seedCitizen } from '../../support/privacySeed.js';
import { DEFAULT_ORGANISATION_ID } from '../../../bot/admin/staffAuth.js';

const coordinator: Principal = { role: 'COORDINATOR', staffId: null, organisationId: DEFAULT_ORGANISATION_ID };
const now = new Date('2026-11-23T12:00:00Z');

/** Seeds two citizens with distinctive strings everywhere, erases one through an approved request, scans every table. */
async function approvedErasureLeavesNothing(db: Database, requests: DataRequests): Promise<void> {
  const caseworker = await seedCaseworker(db.prisma);
  const erased = await seedCitizen(db.prisma, caseworker.id, 'erase');
  const kept = await seedCitizen(db.prisma, caseworker.id, 'keep');
  await db.prisma.accessLog.create({ data: { citizenId: erased.citizenId, staffId: caseworker.id, role: 'CASEWORKER', category: 'summary', reason: erased.alertId } });
  const requestId = await requests.record(erased.citizenId, 'ERASURE', 'chat');
  const needles = [erased.citizenId, ...Object.values(erased.words)];
  expect(Object.keys(await rowsContaining(db, needles)).length).toBeGreaterThan(15);

  const { tombstoneId } = await requests.decide(coordinator, requestId, { decision: 'approve' });

  expect(await rowsContaining(db, needles)).toEqual({});
  const tombstone = await db.prisma.citizenTombstone.findUniqueOrThrow({ where: { id: tombstoneId as string } });
  expect(tombstone).toMatchObject({ cause: 'request', erasedAt: now });
  expect((tombstone.counts as Record<string, number>).Goal).toBe(1);
  expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: 'APPROVED', citizenId: null, tombstoneId });
  expect(await db.prisma.accessLog.count({ where: { citizenId: tombstoneId as string } })).toBe(1);
  // The other citizen's data is all still there.
  expect(Object.keys(await rowsContaining(db, [kept.citizenId, kept.words.goal, kept.words.alert, kept.words.conversationId])).length).toBeGreaterThan(10);
}

describe('erasure (GDPR Art. 17)', () => {
  let db: Database;
  const raised: RaiseAlert[] = [];
  let requests: DataRequests;

  beforeAll(async () => {
    db = await openMigratedDatabase();
    requests = new DataRequests(db.prisma, { raise: async (alert) => { raised.push(alert); return { alertId: 'x', assigneeName: 'Mette', dueAt: now }; } }, () => now);
  });
  afterAll(async () => {
    await db.close();
  });

  it('when a coordinator approves an erasure, then no table holds the citizen id or any of their words, a tombstone exists, and others are untouched', async () => {
    await approvedErasureLeavesNothing(db, requests);
  });

  it('when a refusal has no reason, then it is refused as a bad request; with one, the request is refused and nothing is erased', async () => {
    const caseworker = await seedCaseworker(db.prisma, 'ole@example.dk');
    const citizen = await seedCitizen(db.prisma, caseworker.id, 'refuse');
    const requestId = await requests.record(citizen.citizenId, 'ERASURE', 'caseworker', caseworker.id);
    const { decisionSchema } = await import('../../../domain/privacy/dataRequests.js');
    expect(decisionSchema.safeParse({ decision: 'refuse' }).success).toBe(false);
    await requests.decide(coordinator, requestId, decisionSchema.parse({ decision: 'refuse', reason: 'Sagens akter skal gemmes efter arkivloven.' }));
    expect(await db.prisma.citizen.count({ where: { id: citizen.citizenId } })).toBe(1);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: 'REFUSED' });
  });

  it('when a caseworker tries to decide, then 403; when the same request is made twice, then it is one request and one alert', async () => {
    const caseworker = await seedCaseworker(db.prisma, 'bo@example.dk');
    const citizen = await seedCitizen(db.prisma, caseworker.id, 'twice');
    raised.length = 0;
    const first = await requests.record(citizen.citizenId, 'RESTRICTION', 'chat');
    expect(await requests.record(citizen.citizenId, 'RESTRICTION', 'chat')).toBe(first);
    expect(raised).toHaveLength(1);
    await expect(requests.decide({ role: 'CASEWORKER', staffId: caseworker.id, organisationId: DEFAULT_ORGANISATION_ID }, first, { decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when a restriction is approved, then the citizen is marked restricted and pending reminders are cancelled', async () => {
    const caseworker = await seedCaseworker(db.prisma, 'lis@example.dk');
    const citizen = await seedCitizen(db.prisma, caseworker.id, 'restrict');
    await db.prisma.reminder.create({ data: { citizenId: citizen.citizenId, kind: 'pulse', dueAt: now } });
    const requestId = await requests.record(citizen.citizenId, 'RESTRICTION', 'chat');
    await requests.decide(coordinator, requestId, { decision: 'approve' });
    expect((await db.prisma.citizen.findUniqueOrThrow({ where: { id: citizen.citizenId } })).restrictedAt).toEqual(now);
    expect(await db.prisma.reminder.count({ where: { citizenId: citizen.citizenId, status: 'PENDING' } })).toBe(0);
  });
});

describe.skipIf(skipWithoutPostgres)('erasure on PostgreSQL', () => {
  it('when a coordinator approves an erasure on a PostgreSQL server, then no table holds the citizen id or any of their words', async () => {
    const scratch = await createScratchDatabase();
    const db = await openMigratedDatabase(scratch.url);
    try {
      await approvedErasureLeavesNothing(db, new DataRequests(db.prisma, { raise: async () => ({ alertId: 'x', assigneeName: 'Mette', dueAt: now }) }, () => now));
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});

