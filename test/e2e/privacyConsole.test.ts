import { describe, expect, it } from 'vitest';
import { distinctive, seedCitizenData } from '../support/privacySeed.js';
import { staffApi, useServiceWithChannel } from '../support/app.js';
import { ConsoleVisitor } from '../support/console.js';

describe('data protection in the console', () => {
  const context = useServiceWithChannel();

  async function people(tag: string) {
    const { app } = context;
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: `mette-${tag}@example.dk` } });
    const lene = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lene Koordinator', email: `lene-${tag}@example.dk`, role: 'COORDINATOR' } });
    const words = distinctive(tag);
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: words.name, caseworkerId: mette.body.id } });
    const citizenId = String(citizen.body.id);
    await seedCitizenData(app.db.prisma, citizenId, String(mette.body.id), words, new Date());
    const caseworker = new ConsoleVisitor(app);
    await caseworker.signInAs(String(mette.body.id));
    const coordinator = new ConsoleVisitor(app);
    await coordinator.signInAs(String(lene.body.id));
    return { citizenId, words, caseworker, coordinator, metteId: String(mette.body.id) };
  }

  it('when a caseworker records an erasure request and a coordinator approves it, then the citizen is erased and the decision is listed', async () => {
    const { app } = context;
    const { citizenId, words, caseworker, coordinator } = await people('approve');
    const page = await caseworker.get(`/console/citizens/${citizenId}/data`);
    expect(page.status).toBe(200);
    expect((await caseworker.post(`/console/citizens/${citizenId}/data-requests`, {})).status).toBe(400);
    const recorded = await caseworker.post(`/console/citizens/${citizenId}/data-requests`, { kind: 'ERASURE' });
    expect(recorded).toMatchObject({ status: 303, location: `/console/citizens/${citizenId}/data?done=recorded` });
    expect((await caseworker.get('/console/data-requests')).status).toBe(403);

    const list = await coordinator.get('/console/data-requests');
    expect(list.html).toContain(`Sletning: ${words.name}`);
    const requestId = /action="\/console\/data-requests\/([0-9a-f-]{36})"/.exec(list.html)?.[1] as string;
    const refused = await coordinator.post(`/console/data-requests/${requestId}`, { decision: 'refuse', reason: '' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Skriv en begrundelse på mindst 10 tegn');
    expect((await coordinator.post(`/console/data-requests/${requestId}`, { decision: 'approve' }, null)).status).toBe(403);
    expect(await coordinator.post(`/console/data-requests/${requestId}`, { decision: 'approve', reason: '' })).toMatchObject({ status: 303, location: '/console/data-requests?done=approved' });

    expect(await app.db.prisma.citizen.count({ where: { id: citizenId } })).toBe(0);
    const after = await coordinator.get('/console/data-requests?done=approved');
    expect(after.html).toContain('Ønsket er godkendt og udført.');
    expect(after.html).toContain('Slettet borger');
    expect(after.html).not.toContain(words.name);
    const api = await staffApi(app, 'GET', '/api/admin/data-requests?status=APPROVED');
    expect(api.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: requestId, citizen: null, tombstoneId: expect.any(String) })]));
  });

  it('when a caseworker gets a citizen\'s data on request and the coordinator filters the access log, then the export is there by name, and only that', async () => {
    const { app } = context;
    const { citizenId, words, caseworker, coordinator, metteId } = await people('log');
    const exported = await caseworker.get(`/console/citizens/${citizenId}/data/export`);
    expect(exported.status).toBe(200);
    expect(exported.html).toContain(words.goal);
    expect(await app.db.prisma.accessLog.count({ where: { citizenId, category: 'export', staffId: metteId } })).toBe(1);

    const log = await coordinator.get(`/console/access-log?citizenId=${citizenId}&category=export&from=2020-01-01&to=not-a-date`);
    expect(log.status).toBe(200);
    expect(log.html).toMatch(/Mette Holm<\/td>/);
    expect(log.html).toContain('Alle data (indsigt)');
    expect((log.html.match(/<tr>/g) ?? []).length).toBe(2);
    const none = await coordinator.get(`/console/access-log?citizenId=${citizenId}&category=alert`);
    expect(none.html).toContain('Ingen linjer passer til filtrene.');
    expect((await caseworker.get('/console/access-log')).status).toBe(403);
    const api = await staffApi(app, 'GET', `/api/admin/access-log?citizenId=${citizenId}`);
    expect(api.body).toEqual([expect.objectContaining({ staff: 'Mette Holm', category: 'export', role: 'CASEWORKER' })]);
  });
});
