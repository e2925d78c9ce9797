import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { enrolled, metteAndAnna, startTestApp, staffApi, useServiceWithChannel } from '../support/app.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';


describe('alerts that escalate until someone reacts, driven as channels drive them', () => {
  const channel = new StandInChannel();
  let app: RunningApp;
  let citizen: ChannelUser;
  let citizenId: string;
  let caseworkerToken: string;

  beforeAll(async () => {
    await channel.start();
    app = await startTestApp({ ALERT_TICK_CRON: '* * * * * *' });
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const ole = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole Berg', email: 'ole@example.dk' } });
    const lead = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lone Leder', email: 'lone@example.dk', role: 'COORDINATOR' } });
    caseworkerToken = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: mette.body.id } })).body.token);
    await enrolled(app, channel, mette.body.enrollmentCode, 'mette');
    await enrolled(app, channel, ole.body.enrollmentCode, 'ole');
    await enrolled(app, channel, lead.body.enrollmentCode, 'lone');
    const anna = await staffApi(app, 'POST', '/api/admin/citizens', {
      body: { displayName: 'Anna', caseworkerId: mette.body.id, backupCaseworkerId: ole.body.id },
    });
    citizenId = String(anna.body.id);
    citizen = await enrolled(app, channel, anna.body.enrollmentCode, 'anna');
    await citizen.say('ja');
    await citizen.say('1');
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('when Anna, adding a goal, writes "jeg er blevet syg", then Mette gets the alert at once and Anna a receipt naming her and the time', async () => {
    await citizen.say('mine mål');
    await citizen.say('Arbejde i en butik');
    await citizen.say('ja');
    expect((await citizen.say('jeg er blevet syg'))[0]).toMatch(/Fra hvornår og til hvornår/);
    await citizen.say('spring over');
    const cardsBefore = channel.activitiesIn('conv-mette').length;
    const receipt = await citizen.say('ja');
    expect(receipt[0]).toMatch(/Tak\. Jeg har sendt det til Mette Holm\. Du kan forvente svar senest (i dag|i morgen|\S+dag) kl\. \d\d:\d\d\./);

    // Delivered within 2 s of the confirmation (the outbox is kicked when the alert is raised).
    await channel.waitForMessages('conv-mette', cardsBefore + 1, 2_000);
    const delivered = channel.activitiesIn('conv-mette').slice(cardsBefore);
    const illness = delivered.find((activity) => /Syg eller indlagt fra Anna/.test(activity.text ?? ''));
    expect(illness?.text).toMatch(/^Haster: Syg eller indlagt fra Anna/);
    expect(illness?.attachments).toHaveLength(1);
  });

  it('when Mette replies through the staff API, then the reply arrives in Anna\'s chat with her name', async () => {
    const open = await staffApi(app, 'GET', '/api/admin/alerts?status=open', { token: caseworkerToken });
    const illness = (open.body as unknown as Array<{ id: string; kind: string }>).find((alert) => alert.kind === 'illness');
    expect(illness).toBeDefined();
    const before = channel.textsIn('conv-anna').length;
    const reply = await staffApi(app, 'POST', `/api/admin/alerts/${illness?.id}/reply`, { token: caseworkerToken, body: { text: 'God bedring. Jeg ringer i morgen.' } });
    expect(reply.status).toBe(200);
    const texts = await channel.waitForMessages('conv-anna', before + 1, 5_000);
    expect(texts.slice(before)).toContain('Besked fra Mette Holm:\n\nGod bedring. Jeg ringer i morgen.');
    const details = await staffApi(app, 'GET', `/api/admin/alerts/${illness?.id}`, { token: caseworkerToken });
    const types = (details.body.events as Array<{ type: string }>).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['created', 'delivery.delivered', 'acknowledged', 'replied']));
  });

  it('when nobody acknowledges within a few seconds, then the backup caseworker gets it and Anna hears a colleague was asked', async () => {
    const settings = await staffApi(app, 'PUT', '/api/admin/settings', { body: { sla: { CRISIS: { clock: 'wall', duration: 'PT15M' }, URGENT: { clock: 'wall', duration: 'PT2S' }, NORMAL: { clock: 'endOfNextBusinessDay' } } } });
    expect(settings.status).toBe(200);
    const oleBefore = channel.activitiesIn('conv-ole').length;
    const annaBefore = channel.textsIn('conv-anna').length;
    await citizen.say('noget har ændret sig');
    await citizen.say('2');
    await citizen.say('spring over');
    await citizen.say('ja');
    await channel.waitForMessages('conv-ole', oleBefore + 1, 15_000);
    expect(channel.activitiesIn('conv-ole').slice(oleBefore)[0]?.text).toMatch(/^Sendt videre til dig: Stoppet i kursus eller praktik fra Anna/);
    const annaTexts = await channel.waitForMessages('conv-anna', annaBefore + 1, 5_000);
    expect(annaTexts.slice(annaBefore).join('\n')).toMatch(/Mette Holm har ikke nået at svare endnu\. Derfor har jeg bedt en kollega, Ole Berg, om at se på det\./);
  });

  it('when Ole clicks "Set" on the card, then the alert is acknowledged and Anna is told', async () => {
    const open = (await staffApi(app, 'GET', '/api/admin/alerts?status=open')).body as unknown as Array<{ id: string; kind: string }>;
    const interrupted = open.find((alert) => alert.kind === 'courseInterrupted');
    const ole = new ChannelUser(app.url, channel, 'ole', 'conv-ole');
    const before = channel.textsIn('conv-anna').length;
    expect((await ole.submit({ verb: 'alert.acknowledge', alertId: interrupted?.id }))[0]).toBe('Kvitteret. Anna får besked.');
    expect((await channel.waitForMessages('conv-anna', before + 1, 5_000)).slice(before)).toContain('Ole Berg har set din besked om, at du er stoppet i kursus eller praktik.');
  });

  it('when a caseworker who is not involved tries to act by text, then it is refused', async () => {
    const open = (await staffApi(app, 'GET', '/api/admin/alerts?status=all')).body as unknown as Array<{ reference: string }>;
    const lone = new ChannelUser(app.url, channel, 'lone', 'conv-lone');
    // Lone is a coordinator: allowed. Everything works by typed reference too.
    expect((await lone.say(`løs ${open[0]?.reference}`))[0]).toBe('Afsluttet.');
    expect((await lone.say('kvitter ABCDEF'))[0]).toMatch(/kan ikke finde/);
  });
});

describe('crisis safety, driven as a channel drives it', () => {
  // Monday 10:00 in Copenhagen: inside business hours, so the caseworker is who is told.
  const service = useServiceWithChannel({}, () => new Date('2026-11-23T09:00:00Z'));

  it('when someone not enrolled writes a crisis phrase, then the first reply is the safety message with 112 first', async () => {
    const { app, channel } = service;
    const stranger = new ChannelUser(app.url, channel, 'stranger', 'conv-stranger');
    const replies = await stranger.say('jeg vil ikke leve mere');
    expect(replies[0]).toMatch(/Du skal ikke stå alene med det/);
    expect(replies[0]).toMatch(/\*\*\[112\]\(tel:112\)\*\*[\s\S]*\[70 201 201\]\(tel:70201201\)[\s\S]*\[1813\]\(tel:1813\)/);
    // A possible risk: the first screening question keeps the person talking.
    expect(replies.slice(1)).toEqual([expect.stringMatching(/Har du inden for den sidste måned ønsket, at du var død/)]);
  });

  it('when an enrolled citizen in the middle of a dialog writes one, then the safety message comes first, the caseworker gets a crisis alert, and the dialog waits', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await metteAndAnna(app, channel);
    expect((await citizen.say('mine mål')).at(-1)).toMatch(/arbejde hen imod/);

    const before = channel.activitiesIn('conv-mette').length;
    const replies = await citizen.say('I want to kill myself');
    expect(replies[0]).toMatch(/Du skal ikke stå alene med det/);
    expect(replies.slice(1)).toEqual(['Jeg har også givet Mette Holm besked. De kontakter dig så hurtigt som muligt.', 'Er du i sikkerhed lige nu?']);
    await channel.waitForMessages('conv-mette', before + 1, 5_000);
    expect(channel.activitiesIn('conv-mette').at(-1)?.text).toMatch(/^KRISE: Krise fra Anna/);
    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId } });
    expect(alerts.map((alert) => [alert.kind, alert.severity])).toEqual([['crisis', 'CRISIS']]);
    // The goal question is still open: the crisis turn did not consume it, and a reply that is no answer lets the safety question go.
    expect((await citizen.say('Komme ud af huset'))[0]).toMatch(/Dit mål er gemt/);
  });
});

describe('delivery when the caseworker\'s channel fails', () => {
  const service = useServiceWithChannel({ ALERT_TICK_CRON: '* * * * * *' });

  it('when the chat answers 500 for a while, then the alert is delivered once it recovers, exactly once', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await metteAndAnna(app, channel);
    const before = channel.activitiesIn('conv-mette').length;
    // Five refusals: the first attempt (botbuilder retries 3 times within it) fails, the second gets through.
    channel.failNext('conv-mette', 5, 500);
    await citizen.say('skriv til min sagsbehandler');
    await citizen.say('Kan vi tale sammen?');
    await channel.waitForMessages('conv-mette', before + 1, 30_000);
    expect(channel.refused.filter((failure) => failure.conversationId === 'conv-mette')).toHaveLength(5);

    // Give any duplicate the chance to show up: two more ticks' worth of dispatch.
    const alert = await app.db.prisma.alert.findFirstOrThrow({ where: { citizenId } });
    // The channel has the card a moment before the outbox has recorded its outcome (in one transaction with the event).
    const pending = () => app.db.prisma.outboxMessage.count({ where: { status: { in: ['PENDING', 'CLAIMED'] }, payload: { path: ['alertId'], equals: alert.id } } });
    await vi.waitFor(async () => expect(await pending()).toBe(0));
    const texts = channel.activitiesIn('conv-mette').slice(before).map((activity) => activity.text ?? '');
    expect(texts.filter((text) => /Besked fra Anna/.test(text)), JSON.stringify(texts)).toHaveLength(1);
    const events = await app.db.prisma.alertEvent.findMany({ where: { alertId: alert.id }, orderBy: { at: 'asc' } });
    // card.sent keeps the chat's activity id, so the card can be updated once the alert is acted upon.
    expect(events.map((event) => event.type)).toEqual(['created', 'delivery.retrying', 'card.sent', 'delivery.delivered']);
  });
});
