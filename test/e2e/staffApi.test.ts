import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp, staffApi } from '../support/app.js';

describe('staff API', () => {
  let app: RunningApp;
  let caseworkerId: string;
  let caseworkerToken: string;
  let otherToken: string;
  let citizenId: string;

  beforeAll(async () => {
    app = await startTestApp();
    caseworkerId = String((await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette', email: 'm@example.dk' } })).body.id);
    const otherId = String((await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole', email: 'o@example.dk' } })).body.id);
    caseworkerToken = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: caseworkerId } })).body.token);
    otherToken = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: otherId } })).body.token);
    citizenId = String((await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId } })).body.id);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when no or a wrong token is sent, then 401', async () => {
    expect((await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`, { token: null })).status).toBe(401);
    const wrong = await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`, { token: 'lsg_not-a-token' });
    expect(wrong).toEqual({ status: 401, body: { error: 'UNAUTHENTICATED', message: 'A valid bearer token is required.' } });
  });

  it('when a caseworker does a coordinator action, then 403', async () => {
    const response = await staffApi(app, 'POST', '/api/admin/caseworkers', { token: caseworkerToken, body: { name: 'X', email: 'x@example.dk' } });
    expect(response.status).toBe(403);
    expect((await staffApi(app, 'POST', '/api/admin/tokens', { token: caseworkerToken, body: { staffId: caseworkerId } })).status).toBe(403);
  });

  it('when a caseworker reads a citizen, then only their own', async () => {
    expect((await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`, { token: caseworkerToken })).status).toBe(200);
    expect((await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`, { token: otherToken })).status).toBe(403);
  });

  it('when a caseworker enrolls a citizen for someone else, then 403; for themself, then 201', async () => {
    const forOther = await staffApi(app, 'POST', '/api/admin/citizens', {
      token: otherToken,
      body: { displayName: 'Bo', caseworkerId },
    });
    expect(forOther.status).toBe(403);
    const forSelf = await staffApi(app, 'POST', '/api/admin/citizens', {
      token: caseworkerToken,
      body: { displayName: 'Bo', caseworkerId, locale: 'en' },
    });
    expect(forSelf.status).toBe(201);
  });

  it('when an id is unknown or not an id, then 404', async () => {
    expect((await staffApi(app, 'GET', '/api/admin/citizens/00000000-0000-4000-8000-00000000dead')).status).toBe(404);
    expect((await staffApi(app, 'GET', '/api/admin/citizens/robert')).status).toBe(404);
    expect((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: '00000000-0000-4000-8000-00000000dead' } })).status).toBe(404);
  });

  it('when a body is invalid, then 400 lists every bad field', async () => {
    const response = await staffApi(app, 'POST', '/api/admin/citizens', {
      body: { displayName: '', caseworkerId: 'nope', locale: 'sv' },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields as object).sort()).toEqual(['caseworkerId', 'displayName', 'locale']);

    const unknownCaseworker = await staffApi(app, 'POST', '/api/admin/citizens', {
      body: { displayName: 'Eva', caseworkerId: '00000000-0000-4000-8000-00000000dead' },
    });
    expect(unknownCaseworker).toMatchObject({ status: 400, body: { fields: { caseworkerId: 'no such staff member' } } });

    const duplicate = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'M2', email: 'M@example.dk' } });
    expect(duplicate).toMatchObject({ status: 400, body: { fields: { email: 'is already registered' } } });
  });

  it('when a coordinator asks for a new code, then the old one still works until used and the new one is different', async () => {
    const first = await staffApi(app, 'POST', `/api/admin/citizens/${citizenId}/enrollment-code`, { token: caseworkerToken });
    const second = await staffApi(app, 'POST', `/api/admin/citizens/${citizenId}/enrollment-code`);
    expect(first.status).toBe(201);
    expect(second.body.enrollmentCode).not.toBe(first.body.enrollmentCode);
  });
});
