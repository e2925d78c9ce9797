import { describe, expect, it, vi } from 'vitest';
import { metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';

describe('a caseworker\'s reply to a chat that no longer takes messages', () => {
  const service = useServiceWithChannel({ ALERT_TICK_CRON: '* * * * * *' });

  it('when Anna\'s chat answers 403, then the API said pending, the alert records the failure, Mette is told in her chat, and the next reply says undeliverable', async () => {
    const { app, channel } = service;
    const { citizen } = await metteAndAnna(app, channel);
    await citizen.say('noget har ændret sig');
    await citizen.say('1');
    await citizen.say('spring over');
    await citizen.say('Jeg er syg');
    await citizen.say('ja');
    const alerts = (await staffApi(app, 'GET', '/api/admin/alerts?status=open')).body as unknown as Array<{ id: string; kind: string }>;
    const alertId = alerts.find((alert) => alert.kind === 'illness')!.id;

    const mette = await app.db.prisma.staff.findFirstOrThrow({ where: { email: 'mette@example.dk' } });
    const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: mette.id } })).body.token);
    const metteBefore = channel.textsIn('conv-mette').length;
    channel.failNext('conv-anna', 1, 403);
    const first = await staffApi(app, 'POST', `/api/admin/alerts/${alertId}/reply`, { token, body: { text: 'God bedring' } });
    expect(first).toMatchObject({ status: 200, body: { replied: true, delivery: 'pending' } });

    const told = await channel.waitForMessages('conv-mette', metteBefore + 1, 10_000);
    expect(told.slice(metteBefore).join('\n')).toMatch(/Dit svar til Anna kom ikke frem/);
    await vi.waitFor(async () => {
      const details = await staffApi(app, 'GET', `/api/admin/alerts/${alertId}`);
      expect((details.body.events as Array<{ type: string }>).map((event) => event.type)).toContain('delivery.failed');
    });

    const second = await staffApi(app, 'POST', `/api/admin/alerts/${alertId}/reply`, { token, body: { text: 'Ring til mig' } });
    expect(second).toMatchObject({ status: 200, body: { delivery: 'undeliverable' } });
  });
});
