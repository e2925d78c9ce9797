import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp, staffApi } from '../support/app.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

describe('foundation, driven as a channel drives it', () => {
  const channel = new StandInChannel();
  let app: RunningApp & { dataDir: string };

  beforeAll(async () => {
    await channel.start();
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('when probed, then /healthz and /readyz answer', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('when a stranger writes, then they are welcomed and told about codes, in their language', async () => {
    const danish = new ChannelUser(app.url, channel, 'stranger-da', 'conv-stranger-da');
    expect((await danish.say('hej'))[0]).toMatch(/Du får koden af din sagsbehandler/);
    const english = new ChannelUser(app.url, channel, 'stranger-en', 'conv-stranger-en', 'en-GB');
    expect((await english.say('hello'))[0]).toMatch(/You need a code/);
  });

  it('when a citizen sends their code, then they are linked, greeted by name, and known after a restart', async () => {
    const caseworker = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    expect(caseworker.status).toBe(201);
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', {
      body: { displayName: 'Anna', caseworkerId: caseworker.body.id },
    });
    expect(citizen.status).toBe(201);
    const code = String(citizen.body.enrollmentCode);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const anna = new ChannelUser(app.url, channel, 'anna-user', 'conv-anna');
    const linked = await anna.say(code.toLowerCase().replace('-', ' '));
    expect(linked[0]).toMatch(/Hej Anna\. Velkommen/);
    expect(linked.at(-1)).toMatch(/Vil du bruge Ledsager\?/);

    const summary = await staffApi(app, 'GET', `/api/admin/citizens/${String(citizen.body.id)}`);
    expect(summary.body).toMatchObject({ displayName: 'Anna', channels: [{ channelId: 'test', reachable: true }] });

    await app.stop();
    app = await startTestApp({ DATA_DIR: app.dataDir });
    // Known after the restart, and the half-answered onboarding continues where it was.
    const annaAfterRestart = new ChannelUser(app.url, channel, 'anna-user', 'conv-anna');
    const afterRestart = await annaAfterRestart.say('ja tak');
    expect(afterRestart[0]).toMatch(/Tak! Det er gemt/);
    expect(afterRestart[1]).toMatch(/Hvornår på dagen/);
  });

  it('when a caseworker sends their code, then they are linked as staff', async () => {
    const caseworker = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Jonas', email: 'jonas@example.dk' } });
    const jonas = new ChannelUser(app.url, channel, 'jonas-user', 'conv-jonas');
    expect((await jonas.say(String(caseworker.body.enrollmentCode)))[0]).toMatch(/forbundet som medarbejder/);
  });

  it('when the body is not JSON or too large, then the answer is a short 4xx JSON error', async () => {
    const malformed = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });

    const huge = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
    const body = (await huge.json()) as Record<string, unknown>;
    expect(body.error).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js/);
  });

  it('when an activity is structurally invalid, then the bot answers 4xx and keeps running', async () => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as { fields: object }).fields)).toEqual(
      expect.arrayContaining(['type', 'channelId', 'serviceUrl', 'from', 'conversation']),
    );
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
