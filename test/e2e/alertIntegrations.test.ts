import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { webhookSignature } from '../../bot/alerts/alertDelivery.js';
import { startTestApp, staffApi } from '../support/app.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

const SECRET = 'webhook-secret-0123456789';

describe('case-system webhook, settings and metrics', () => {
  const channel = new StandInChannel();
  const received: Array<{ body: string; signature: string | undefined }> = [];
  let waiter: (() => void) | undefined;
  let receiver: Server;
  let app: RunningApp;
  let metteToken: string;
  let otherToken: string;
  let citizenId: string;

  beforeAll(async () => {
    await channel.start();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-signature'] as string | undefined });
        res.writeHead(204);
        res.end();
        waiter?.();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    app = await startTestApp({ ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: SECRET });
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette', email: 'mette@example.dk' } });
    const other = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole', email: 'ole@example.dk' } });
    metteToken = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: mette.body.id } })).body.token);
    otherToken = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: other.body.id } })).body.token);
    const anna = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: mette.body.id } });
    citizenId = String(anna.body.id);
    const citizen = new ChannelUser(app.url, channel, 'anna', 'conv-anna');
    await citizen.say(String(anna.body.enrollmentCode));
    await citizen.say('ja');
    await citizen.say('1');
    const arrived = new Promise<void>((resolve) => (waiter = resolve));
    await citizen.say('skriv til min sagsbehandler');
    await citizen.say('Hej Mette, jeg har et spørgsmål');
    await arrived;
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('when an alert is raised, then the webhook gets a signed body with ids and status but never the citizen text', () => {
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(hook?.signature).toBe(webhookSignature(hook?.body ?? '', SECRET));
    const body = JSON.parse(hook?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'alert.created', citizenId, kind: 'message', severity: 'NORMAL', status: 'OPEN' });
    expect(hook?.body).not.toMatch(/spørgsmål/);
  });

  it('when a caseworker who is not involved asks for the alert, then 403; their list does not show it', async () => {
    const list = await staffApi(app, 'GET', '/api/admin/alerts', { token: metteToken });
    const [alert] = list.body as unknown as Array<{ id: string }>;
    expect(alert).toBeDefined();
    expect((await staffApi(app, 'GET', `/api/admin/alerts/${alert?.id}`, { token: otherToken })).status).toBe(403);
    expect((await staffApi(app, 'POST', `/api/admin/alerts/${alert?.id}/acknowledge`, { token: otherToken })).status).toBe(403);
    expect((await staffApi(app, 'GET', '/api/admin/alerts', { token: otherToken })).body).toEqual([]);
    expect((await staffApi(app, 'POST', `/api/admin/alerts/${alert?.id}/reply`, { token: metteToken, body: { text: '' } })).status).toBe(400);
  });

  it('when settings are invalid, then 400 names the field; a caseworker cannot change them', async () => {
    const bad = await staffApi(app, 'PUT', '/api/admin/settings', { body: { sla: { CRISIS: { clock: 'wall', duration: '15 minutes' } } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).join(',')).toMatch(/sla/);
    const unknownField = await staffApi(app, 'PUT', '/api/admin/settings', { body: { colour: 'red' } });
    expect(unknownField.status).toBe(400);
    const noTwelve = await staffApi(app, 'PUT', '/api/admin/settings', {
      body: { crisisContacts: [{ name: { da: 'A', en: 'A' }, phone: '1813' }, { name: { da: 'B', en: 'B' }, phone: '70201201' }, { name: { da: 'C', en: 'C' }, phone: '33 33 33 33' }] },
    });
    expect(noTwelve.status).toBe(400);
    expect((await staffApi(app, 'PUT', '/api/admin/settings', { token: metteToken, body: { holidayCountry: 'SE' } })).status).toBe(403);
  });

  it('when a coordinator changes severities, then it applies without restart and is audited', async () => {
    const changed = await staffApi(app, 'PUT', '/api/admin/settings', { body: { changeSeverity: { money: 'URGENT' } } });
    expect(changed.status).toBe(200);
    expect((await staffApi(app, 'GET', '/api/admin/settings')).body.changeSeverity).toEqual({ money: 'URGENT' });
    const audits = await app.db.prisma.auditLog.findMany({ where: { action: 'settings.changed' } });
    expect(audits.at(-1)?.detail).toMatchObject({ fields: ['changeSeverity'], changes: [{ path: 'changeSeverity.money', after: 'URGENT' }] });
  });

  it('when a coordinator reads metrics, then they show open alerts per severity; caseworkers may not', async () => {
    const metrics = await staffApi(app, 'GET', '/api/admin/metrics/alerts');
    expect(metrics.body).toMatchObject({ openTotal: 1, bySeverity: { NORMAL: { total: 1, open: 1, acknowledged: 0 } } });
    expect((await staffApi(app, 'GET', '/api/admin/metrics/alerts', { token: metteToken })).status).toBe(403);
  });
});
