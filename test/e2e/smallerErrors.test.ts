import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { TEST_ADMIN_TOKEN, staffApi, useServiceWithChannel } from '../support/app.js';

describe('inputs that used to cost a 500', () => {
  const service = useServiceWithChannel();
  const raw = (method: string, path: string, body: string | undefined, contentType = 'application/json') =>
    fetch(`${service.app.url}${path}`, { method, headers: { 'content-type': contentType, authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, body });

  it.each([
    ['no body', undefined],
    ['null', 'null'],
    ['a list', '[]'],
    ['a string', '"x"'],
    ['a number', '42'],
    ['broken JSON', '{"reminders":'],
  ])('when the settings are PUT with %s, then the answer is 2xx or 4xx', async (_case, body) => {
    const response = await raw('PUT', '/api/admin/settings', body);
    expect(response.status).toBeLessThan(500);
  });

  it('when a second caseworker is created with the same Azure AD object id, then a 4xx names the field', async () => {
    const first = await staffApi(service.app, 'POST', '/api/admin/caseworkers', { body: { name: 'A', email: 'a@example.dk', aadObjectId: '11111111-2222-4333-8444-555555555555' } });
    expect(first.status).toBe(201);
    const second = await staffApi(service.app, 'POST', '/api/admin/caseworkers', { body: { name: 'B', email: 'b@example.dk', aadObjectId: '11111111-2222-4333-8444-555555555555' } });
    expect([400, 409]).toContain(second.status);
    expect(second.body).toMatchObject({ fields: { aadObjectId: expect.any(String) } });
  });

  it('when an activity is nested 400 deep, then /api/messages answers 400', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 400; i += 1) deep = { a: deep };
    const activity = { type: 'message', channelId: 'test', serviceUrl: service.channel.serviceUrl, from: { id: 'deep' }, conversation: { id: 'deep' }, text: 'hej', value: deep };
    const response = await raw('POST', '/api/messages', JSON.stringify(activity));
    expect(response.status).toBe(400);
  });

  it('when a managed identity is configured without a tenant id, then the configuration is refused in one line naming it', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI' })).toThrow(ConfigError);
    expect(() => loadConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI' })).toThrow(/^Invalid configuration: MicrosoftAppTenantId [^\n]*$/);
  });
});
