import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp } from '../../bot/app.js';
import { staffApi, startTestApp } from '../support/app.js';

describe('settings through the API: a partial update changes only what is sent', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when the cadence is set to 4 weeks and then only the quiet hours, then the cadence is still 4 weeks', async () => {
    expect((await staffApi(app, 'PUT', '/api/admin/settings', { body: { reminders: { checkInCadence: 'P4W', nonResponseThreshold: 5 } } })).status).toBe(200);
    const second = await staffApi(app, 'PUT', '/api/admin/settings', { body: { reminders: { quietHours: { from: '21:00', to: '07:00' } } } });
    expect(second.status).toBe(200);
    const { reminders } = (await staffApi(app, 'GET', '/api/admin/settings')).body as { reminders: Record<string, unknown> };
    expect(reminders).toMatchObject({ checkInCadence: 'P4W', nonResponseThreshold: 5, pulseCadence: 'P1W', quietHours: { from: '21:00', to: '07:00' } });
  });

  it('when one severity is sent in sla, then it is accepted and the other severities keep their rules', async () => {
    const before = (await staffApi(app, 'GET', '/api/admin/settings')).body.sla as Record<string, unknown>;
    const changed = await staffApi(app, 'PUT', '/api/admin/settings', { body: { sla: { URGENT: { clock: 'wall', duration: 'PT2H' } } } });
    expect(changed.status).toBe(200);
    expect(changed.body.sla).toEqual({ ...before, URGENT: { clock: 'wall', duration: 'PT2H' } });
  });

  it('when a nested field is misspelt or invalid, then 400 names it and nothing changes', async () => {
    const typo = await staffApi(app, 'PUT', '/api/admin/settings', { body: { reminders: { quietHour: null } } });
    expect(typo).toMatchObject({ status: 400, body: { fields: { 'reminders.quietHour': 'is not a setting' } } });
    const bad = await staffApi(app, 'PUT', '/api/admin/settings', { body: { reminders: { quietHours: { from: '25:00' } } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object)).toEqual(['reminders.quietHours.from']);
    expect(((await staffApi(app, 'GET', '/api/admin/settings')).body.reminders as Record<string, unknown>).quietHours).toEqual({ from: '21:00', to: '07:00' });
  });

  it('when a setting changes, then the audit log holds who and the before and after of each changed field', async () => {
    await staffApi(app, 'PUT', '/api/admin/settings', { body: { reminders: { pulseCadence: 'P2W' } } });
    const audit = await app.db.prisma.auditLog.findFirst({ where: { action: 'settings.changed' }, orderBy: { at: 'desc' } });
    expect(audit?.detail).toEqual({ fields: ['reminders'], changes: [{ path: 'reminders.pulseCadence', before: 'P1W', after: 'P2W' }] });
  });
});
