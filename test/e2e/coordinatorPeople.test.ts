import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { enrolled, staffApi, startTestApp } from '../support/app.js';
import { StandInChannel } from '../support/standInChannel.js';

describe('coordinators manage citizens through the API', () => {
  const channel = new StandInChannel();
  let app: RunningApp;
  let metteId: string;
  let jonasId: string;
  let annaId: string;

  beforeAll(async () => {
    await channel.start();
    app = await startTestApp();
    metteId = String((await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } })).body.id);
    jonasId = String((await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Jonas Lund', email: 'jonas@example.dk' } })).body.id);
    const anna = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: metteId, programme: 'flexjob' } });
    annaId = String(anna.body.id);
    const chat = await enrolled(app, channel, anna.body.enrollmentCode, 'anna');
    await chat.say('ja');
    await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Bo', caseworkerId: jonasId } });
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('when citizens are listed with filters and paging, then only the matching ones come back with the total', async () => {
    const flex = await staffApi(app, 'GET', '/api/admin/citizens?programme=flexjob');
    expect(flex.body).toMatchObject({ total: 1, items: [{ displayName: 'Anna', consented: true, caseworker: { name: 'Mette Holm' } }] });
    const noConsent = await staffApi(app, 'GET', '/api/admin/citizens?noConsent=true');
    expect((noConsent.body.items as Array<{ displayName: string }>).map((citizen) => citizen.displayName)).toEqual(['Bo']);
    const paged = await staffApi(app, 'GET', '/api/admin/citizens?limit=1&offset=1');
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ displayName: 'Bo' }] });
    expect((await staffApi(app, 'GET', '/api/admin/citizens?limit=0')).status).toBe(400);
  });

  it('when Anna is given to Jonas, then her chat is told his name, Mette becomes backup and the change is audited', async () => {
    const before = channel.textsIn('conv-anna').length;
    const changed = await staffApi(app, 'PATCH', `/api/admin/citizens/${annaId}`, { body: { caseworkerId: jonasId, backupCaseworkerId: metteId } });
    expect(changed.body).toMatchObject({ caseworker: { name: 'Jonas Lund' }, backupCaseworker: { name: 'Mette Holm' } });
    await channel.waitForMessages('conv-anna', before + 1, 5_000);
    expect(channel.textsIn('conv-anna').at(-1)).toMatch(/^Fra nu af er det Jonas Lund, der er din sagsbehandler\./);
    const audit = await app.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'citizen.reassigned', entityId: annaId } });
    expect(audit.detail).toEqual({ changes: [{ path: 'caseworker', before: 'Mette Holm', after: 'Jonas Lund' }] });
  });

  it('when the caseworker would also be the backup, then 400 names the field', async () => {
    const refused = await staffApi(app, 'PATCH', `/api/admin/citizens/${annaId}`, { body: { backupCaseworkerId: jonasId } });
    expect(refused).toMatchObject({ status: 400, body: { fields: { backupCaseworkerId: 'must be someone other than the caseworker' } } });
  });

  it('when a course of support ends, then pending reminders are cancelled and the citizen is kept', async () => {
    await app.db.prisma.reminder.create({ data: { citizenId: annaId, kind: 'checkIn', dueAt: new Date(Date.now() + 86_400_000) } });
    const ended = await staffApi(app, 'PATCH', `/api/admin/citizens/${annaId}`, { body: { status: 'ENDED' } });
    expect(ended.body.status).toBe('ENDED');
    expect(await app.db.prisma.reminder.count({ where: { citizenId: annaId, status: 'PENDING' } })).toBe(0);
    expect((await app.db.prisma.citizen.findUniqueOrThrow({ where: { id: annaId } })).endedAt).not.toBeNull();
  });

  it('when a caseworker tries to reassign, then 403', async () => {
    const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: metteId } })).body.token);
    expect((await staffApi(app, 'PATCH', `/api/admin/citizens/${annaId}`, { token, body: { caseworkerId: metteId } })).status).toBe(403);
    expect((await staffApi(app, 'GET', '/api/admin/staff', { token })).status).toBe(403);
  });
});

describe('a deactivated staff member', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when a caseworker without citizens is deactivated, then their token stops working and they receive no new cover', async () => {
    const ole = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole Berg', email: 'ole@example.dk' } });
    const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: ole.body.id } })).body.token);
    expect((await staffApi(app, 'GET', `/api/admin/staff/${ole.body.id}`, { token })).status).toBe(200);
    const deactivated = await staffApi(app, 'PATCH', `/api/admin/staff/${ole.body.id}`, { body: { active: false } });
    expect(deactivated.body).toMatchObject({ active: false });
    expect((await staffApi(app, 'GET', `/api/admin/staff/${ole.body.id}`, { token })).status).toBe(401);
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const away = await staffApi(app, 'PATCH', `/api/admin/staff/${mette.body.id}`, {
      body: { away: { firstDay: '2099-01-01', lastDay: '2099-01-02', substituteId: ole.body.id } },
    });
    expect(away).toMatchObject({ status: 400, body: { fields: { substituteId: 'must be another active colleague' } } });
  });

  it('when alerts are listed with filters and paging, then only the matching page comes back', async () => {
    const mette = await app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } });
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Gry', caseworkerId: mette.id } });
    const citizenId = String(citizen.body.id);
    for (const [index, severity] of (['NORMAL', 'URGENT', 'NORMAL'] as const).entries()) {
      await app.db.prisma.alert.create({ data: { citizenId, kind: 'message', severity, assigneeId: mette.id, dueAt: new Date(Date.now() + (index + 1) * 3_600_000) } });
    }
    const list = async (query: string) => (await staffApi(app, 'GET', `/api/admin/alerts?${query}`)).body as unknown as Array<{ severity: string; dueAt: string }>;
    expect((await list(`status=all&severity=URGENT&citizenId=${citizenId}`)).map((alert) => alert.severity)).toEqual(['URGENT']);
    const first = await list('status=open&limit=2');
    const rest = await list('status=open&limit=2&offset=2');
    expect([first.length, rest.length]).toEqual([2, 1]);
    expect([...first, ...rest].map((alert) => alert.severity)).toEqual(['NORMAL', 'URGENT', 'NORMAL']);
    expect((await staffApi(app, 'GET', '/api/admin/alerts?limit=501')).status).toBe(400);
  });
});
