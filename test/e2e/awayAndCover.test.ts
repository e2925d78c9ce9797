import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { RunningApp } from '../../bot/app.js';
import { enrolled, staffApi, startTestApp } from '../support/app.js';
import { type ChannelUser, StandInChannel } from '../support/standInChannel.js';

const today = () => DateTime.now().setZone('Europe/Copenhagen');

describe('away and cover: while a caseworker is away, new alerts for their citizens reach the substitute', () => {
  const channel = new StandInChannel();
  let app: RunningApp;
  let anna: ChannelUser;
  let metteId: string;
  let jonasId: string;

  beforeAll(async () => {
    await channel.start();
    app = await startTestApp();
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const jonas = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Jonas Lund', email: 'jonas@example.dk' } });
    metteId = String(mette.body.id);
    jonasId = String(jonas.body.id);
    await enrolled(app, channel, mette.body.enrollmentCode, 'mette');
    await enrolled(app, channel, jonas.body.enrollmentCode, 'jonas');
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: metteId } });
    anna = await enrolled(app, channel, citizen.body.enrollmentCode, 'anna');
    await anna.say('ja');
    await anna.say('1');
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('when Mette is set away with Jonas as substitute, then Anna\'s message reaches Jonas and her receipt names both', async () => {
    const lastDay = today().plus({ days: 2 });
    const set = await staffApi(app, 'PATCH', `/api/admin/staff/${metteId}`, {
      body: { away: { firstDay: today().toISODate(), lastDay: lastDay.toISODate(), substituteId: jonasId } },
    });
    expect(set.status).toBe(200);
    expect(set.body.away).toMatchObject({ now: true, substitute: { id: jonasId, name: 'Jonas Lund' } });

    const jonasBefore = channel.activitiesIn('conv-jonas').length;
    await anna.say('skriv til min sagsbehandler');
    const receipt = await anna.say('Hej, jeg har et spørgsmål om mit forløb');
    const back = lastDay.plus({ days: 1 }).setLocale('da').toFormat('cccc');
    expect(receipt[0]).toMatch(new RegExp(`^Tak\\. Mette Holm er væk til ${back}, så Jonas Lund ser på det\\. Du kan forvente svar senest`));
    await channel.waitForMessages('conv-jonas', jonasBefore + 1, 5_000);

    const alert = await app.db.prisma.alert.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(alert.assigneeId).toBe(jonasId);
    // The response clock runs from creation, as for any alert.
    expect(alert.dueAt.getTime()).toBeGreaterThan(alert.createdAt.getTime());
  });

  it('when Mette\'s open alerts are handed over, then they move to the colleague and the move is audited', async () => {
    const alert = await app.db.prisma.alert.create({
      data: { citizenId: (await app.db.prisma.citizen.findFirstOrThrow()).id, kind: 'message', severity: 'NORMAL', assigneeId: metteId, dueAt: new Date(Date.now() + 3_600_000) },
    });
    const offered = await staffApi(app, 'GET', `/api/admin/staff/${metteId}`);
    expect((offered.body.openAlerts as Array<{ id: string }>).map((open) => open.id)).toEqual([alert.id]);
    const handed = await staffApi(app, 'POST', `/api/admin/staff/${metteId}/handover`, { body: { toStaffId: jonasId } });
    expect(handed.body).toEqual({ handedOver: 1 });
    expect((await app.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).assigneeId).toBe(jonasId);
    expect(await app.db.prisma.auditLog.count({ where: { action: 'alerts.handed-over', entityId: metteId } })).toBe(1);
  });

  it('when Mette still has citizens, then she cannot be deactivated and the answer says why', async () => {
    const refused = await staffApi(app, 'PATCH', `/api/admin/staff/${metteId}`, { body: { active: false } });
    expect(refused).toMatchObject({ status: 400, body: { fields: { active: 'reassign their 1 citizen(s) first' } } });
  });

  it('when Mette is back (absence ended), then new alerts reach her again', async () => {
    expect((await staffApi(app, 'PATCH', `/api/admin/staff/${metteId}`, { body: { away: null } })).body.away).toBeNull();
    await anna.say('skriv til min sagsbehandler');
    const receipt = await anna.say('Og et spørgsmål mere');
    expect(receipt[0]).toMatch(/^Tak\. Jeg har sendt det til Mette Holm\./);
  });
});
