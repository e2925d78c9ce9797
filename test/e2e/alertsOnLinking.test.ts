import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { enrolled, staffApi, startTestApp } from '../support/app.js';
import { ConsoleVisitor, reportIllness } from '../support/console.js';
import { SmtpStandIn } from '../support/smtpStandIn.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

/** A caseworker who has not linked a chat yet, and their enrolled citizen who has agreed and chosen a contact time. */
async function caseworkerWithoutChat(app: RunningApp, channel: StandInChannel, who: { name: string; email: string; aadObjectId?: string }, citizenUserId: string) {
  const staff = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: who });
  const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: staff.body.id } })).body.token);
  const created = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: staff.body.id } });
  const citizen = await enrolled(app, channel, created.body.enrollmentCode, citizenUserId);
  await citizen.say('ja');
  await citizen.say('1');
  return { code: String(staff.body.enrollmentCode), staffId: String(staff.body.id), token, citizen };
}

/** The citizen reports an illness; resolves once the alert exists and its card could not be delivered. */
async function illnessNotDelivered(app: RunningApp, citizen: ChannelUser, token: string): Promise<string> {
  await reportIllness(citizen);
  for (let tries = 0; tries < 100; tries += 1) {
    const open = (await staffApi(app, 'GET', '/api/admin/alerts?status=open', { token })).body as unknown as Array<{ id: string }>;
    const alert = open[0];
    if (alert) {
      const details = await staffApi(app, 'GET', `/api/admin/alerts/${alert.id}`, { token });
      const types = (details.body.events as Array<{ type: string }>).map((event) => event.type);
      if (types.includes('delivery.failed')) return alert.id;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the alert was never attempted');
}

/** Resolves once `condition` holds, checking as the event loop turns; fails after `timeoutMs`. */
async function eventually(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('alerts raised before the caseworker linked a chat', () => {
  const service = { channel: new StandInChannel(), smtp: new SmtpStandIn(), app: undefined as unknown as RunningApp };
  beforeAll(async () => {
    await service.channel.start();
    await service.smtp.start();
    service.app = await startTestApp({ SMTP_URL: service.smtp.url });
  });
  afterAll(async () => {
    await service.app.stop();
    await service.smtp.stop();
    await service.channel.stop();
  });

  it('when the caseworker has no chat, then the alert is in the inbox and goes by e-mail; when they link a chat with their code, it arrives there as a card after the greeting', async () => {
    const { app, channel, smtp } = service;
    const { code, staffId, token, citizen } = await caseworkerWithoutChat(app, channel, { name: 'Mette Holm', email: 'mette@example.dk' }, 'anna-1');
    const alertId = await illnessNotDelivered(app, citizen, token);
    const inbox = new ConsoleVisitor(app);
    await inbox.signInAs(staffId);
    expect((await inbox.get('/console')).html).toContain('Syg eller indlagt fra Anna');
    // E-mail is less protected than the chat: what and by when, never the citizen's name or words.
    await eventually(() => smtp.received.some((mail) => mail.to.includes('<mette@example.dk>')), 5_000);
    const mail = smtp.received.find((message) => message.to.includes('<mette@example.dk>'));
    expect(mail?.data).toMatch(/^Subject: .*Ledsager/m);
    expect(mail?.data).not.toContain('Anna');

    await enrolled(app, channel, code, 'mette');
    await channel.waitForMessages('conv-mette', 2, 5_000);
    const [greeting, card] = channel.activitiesIn('conv-mette');
    expect(greeting?.text).toMatch(/^Hej Mette Holm\. Du er nu forbundet som medarbejder/);
    expect(card?.text).toMatch(/Syg eller indlagt fra Anna/);
    expect(card?.attachments).toHaveLength(1);

    const details = await staffApi(app, 'GET', `/api/admin/alerts/${alertId}`, { token });
    expect((details.body.events as Array<{ type: string }>).map((event) => event.type)).toEqual(
      expect.arrayContaining(['delivery.failed', 'delivery.delivered']),
    );
  });

  it('when the caseworker is recognised in Teams, then the alert that waited arrives there, and linking again sends nothing twice', async () => {
    const { app, channel } = service;
    const aadObjectId = '1a2b3c4d-0000-4000-8000-00000000abcd';
    const { token, citizen } = await caseworkerWithoutChat(app, channel, { name: 'Ole Berg', email: 'ole@example.dk', aadObjectId }, 'anna-2');
    await illnessNotDelivered(app, citizen, token);

    const ole = new ChannelUser(app.url, channel, '29:ole', 'a:teams-ole', 'da-DK', { channelId: 'msteams', aadObjectId });
    await ole.say('hej');
    await channel.waitForMessages('a:teams-ole', 2, 5_000);
    expect(channel.activitiesIn('a:teams-ole')[1]?.text).toMatch(/Syg eller indlagt fra Anna/);

    // Linked again from a second Teams conversation (e.g. a new device): the card was delivered, so nothing is queued again.
    const again = new ChannelUser(app.url, channel, '29:ole-2', 'a:teams-ole-2', 'da-DK', { channelId: 'msteams', aadObjectId });
    await again.say('hej');
    const oleRecord = await app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'ole@example.dk' } });
    const cards = await app.db.prisma.outboxMessage.findMany({ where: { channel: 'staff-chat', target: oleRecord.id }, select: { status: true } });
    expect(cards.map((card) => card.status).sort()).toEqual(['DONE', 'FAILED']);
  });
});
