import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { enrolled, startTestApp, staffApi } from '../support/app.js';
import { reportIllness } from '../support/console.js';
import { StandInChannel } from '../support/standInChannel.js';

describe('a card superseded by an escalation', () => {
  const channel = new StandInChannel();
  let app: RunningApp;

  beforeAll(async () => {
    await channel.start();
    app = await startTestApp({ ALERT_TICK_CRON: '* * * * * *' });
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('when nobody reacts in time and the alert goes to the backup, then the first caseworker\'s card is updated to say to whom', async () => {
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const ole = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole Berg', email: 'ole@example.dk' } });
    await enrolled(app, channel, mette.body.enrollmentCode, 'mette');
    await enrolled(app, channel, ole.body.enrollmentCode, 'ole');
    const anna = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: mette.body.id, backupCaseworkerId: ole.body.id } });
    const citizen = await enrolled(app, channel, anna.body.enrollmentCode, 'anna');
    await citizen.say('ja');
    await citizen.say('1');
    const sla = { CRISIS: { clock: 'wall', duration: 'PT15M' }, URGENT: { clock: 'wall', duration: 'PT2S' }, NORMAL: { clock: 'wall', duration: 'PT2S' } };
    expect((await staffApi(app, 'PUT', '/api/admin/settings', { body: { sla } })).status).toBe(200);

    const cardsBefore = channel.activitiesIn('conv-mette').length;
    await reportIllness(citizen);
    await channel.waitUntil(() => channel.activitiesIn('conv-mette').slice(cardsBefore).some((activity) => activity.attachments?.length), 5_000);
    const card = channel.activitiesIn('conv-mette').slice(cardsBefore).find((activity) => activity.attachments?.length);

    await channel.waitUntil(() => channel.updated.some((update) => update.activityId === card?.id), 20_000);
    const update = channel.updated.find((candidate) => candidate.activityId === card?.id);
    const body = (update?.attachments?.[0] as { content: { body: Array<{ text?: string }> } }).content.body.map((element) => element.text);
    expect(body).toContain('Sendt videre til Ole Berg');
  });
});
