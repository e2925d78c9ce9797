import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import type { CrisisFacts } from '../../domain/crisis/staffFacts.js';
import type { LabelledSet } from '../../domain/crisis/corpus.js';
import { enrolled, staffApi, useServiceWithChannel } from '../support/app.js';
import { ChannelUser, type StandInChannel } from '../support/standInChannel.js';

const devSet = JSON.parse(readFileSync(new URL('../fixtures/crisis-dev-set.json', import.meta.url), 'utf8')) as LabelledSet;
const devCrisis = Object.entries(devSet.crisis).flatMap(([category, texts]) => texts.map((text) => ({ category, text })));
const SAFETY = /Du skal ikke stå alene med det[\s\S]*\*\*\[112\]\(tel:112\)\*\*/;
const SAFETY_EN = /You shouldn't be alone with this[\s\S]*\*\*\[112\]\(tel:112\)\*\*/;

/** A caseworker and an enrolled citizen who has agreed and chosen a time; each call makes a new pair. */
async function caseworkerAndCitizen(app: RunningApp, channel: StandInChannel, name: string, role: 'CASEWORKER' | 'COORDINATOR' = 'CASEWORKER') {
  const staff = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: `Mette ${name}`, email: `mette-${name}@example.dk`, role } });
  const caseworker = await enrolled(app, channel, staff.body.enrollmentCode, `mette-${name}`);
  const created = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: `Anna ${name}`, caseworkerId: staff.body.id } });
  const citizen = await enrolled(app, channel, created.body.enrollmentCode, `anna-${name}`);
  await citizen.say('ja');
  await citizen.say('1');
  return { citizen, caseworker, citizenId: String(created.body.id), staffId: String(staff.body.id) };
}

function crisisOf(alert: { payload: unknown }): CrisisFacts | undefined {
  return (alert.payload as { facts?: { crisis?: CrisisFacts } }).facts?.crisis;
}

describe('crisis safety end to end, in business hours', () => {
  // Monday 10:00 in Copenhagen.
  const service = useServiceWithChannel({}, () => new Date('2026-11-23T09:00:00Z'));

  it('when a stranger writes each crisis message of the development set, then the safety message is the first reply every time', { timeout: 120_000 }, async () => {
    const stranger = new ChannelUser(service.app.url, service.channel, 'stranger', 'conv-stranger');
    const firstReplies: Array<{ text: string; first: string | undefined }> = [];
    for (const { text } of devCrisis) firstReplies.push({ text, first: (await stranger.say(text))[0] });
    expect(firstReplies.filter((reply) => !SAFETY.test(reply.first ?? ''))).toEqual([]);
  });

  it('when an enrolled citizen in the middle of a check-in writes each of them, then the safety message comes first, every one raises an alert naming tier and concepts, and the check-in goes on', { timeout: 180_000 }, async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await caseworkerAndCitizen(app, channel, 'devset');
    await citizen.say('hvordan går det?');
    await citizen.say('2');
    const before = channel.activitiesIn('conv-mette-devset').length;

    const notFirst: string[] = [];
    for (const { text } of devCrisis) if (!SAFETY.test((await citizen.say(text))[0] ?? '')) notFirst.push(text);
    expect(notFirst).toEqual([]);

    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId, kind: 'crisis' }, orderBy: { createdAt: 'asc' } });
    const fromMessages = alerts.filter((alert) => alert.payload && (alert.payload as { citizenText?: string }).citizenText);
    expect(fromMessages).toHaveLength(devCrisis.length);
    for (const alert of fromMessages) {
      const crisis = crisisOf(alert);
      expect(crisis?.concepts.length).toBeGreaterThan(0);
      expect(alert.severity).toBe(crisis?.tier === 'clear' ? 'CRISIS' : 'URGENT');
    }
    // The caseworker's chat names the tier and the signs on every alert.
    const texts = await channel.waitForMessages('conv-mette-devset', before + devCrisis.length, 60_000);
    const alertTexts = texts.slice(before).filter((text) => /^(KRISE|Haster)/.test(text));
    expect(alertTexts.length).toBeGreaterThanOrEqual(devCrisis.length);
    expect(alertTexts.every((text) => /Risiko: (Klar|Mulig) risiko/.test(text) && /Tegn: /.test(text))).toBe(true);

    // A reply that is no answer to the safety question goes to the check-in, which finishes.
    await citizen.say('Mit helbred er ikke i vejen for, at jeg kan arbejde');
    await citizen.say('2');
    await citizen.say('spring over');
    await citizen.say('1');
    expect((await citizen.say('5 timer')).join('\n')).toMatch(/Det her er dit udgangspunkt/);
  });

  it('when a clear risk is followed by "Nej" to "Er du i sikkerhed lige nu?", then 112 is repeated and the caseworker is told again at once', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await caseworkerAndCitizen(app, channel, 'clear');
    const replies = await citizen.say('jeg står på taget nu');
    expect(replies[0]).toMatch(SAFETY);
    expect(replies.slice(1)).toEqual(['Jeg har også givet Mette clear besked. De kontakter dig så hurtigt som muligt.', 'Er du i sikkerhed lige nu?']);
    const question = channel.activitiesIn('conv-anna-clear').at(-1) as { suggestedActions?: { actions: Array<{ title: string }> } };
    expect(question.suggestedActions?.actions.map((action) => action.title)).toEqual(['Ja', 'Nej', 'Jeg ved det ikke']);

    const answer = await citizen.say('Nej');
    expect(answer[0]).toMatch(/^Ring \*\*\[112\]\(tel:112\)\*\* nu\. De kan hjælpe dig/);
    expect(answer[1]).toBe('Jeg har også givet Mette clear besked. De kontakter dig så hurtigt som muligt.');
    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId }, orderBy: { createdAt: 'asc' } });
    expect(alerts.map((alert) => [alert.severity, crisisOf(alert)?.tier, crisisOf(alert)?.reason])).toEqual([
      ['CRISIS', 'clear', 'message'],
      ['CRISIS', 'clear', 'not-safe'],
    ]);
    expect(crisisOf(alerts[0] as { payload: unknown })?.concepts.map((hit) => hit.concept)).toContain('method-height');
  });

  it('when a possible risk is answered "ja" to a screening question, then it is raised to CRISIS and the safety question follows', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await caseworkerAndCitizen(app, channel, 'possible');
    const replies = await citizen.say('ingen ville savne mig');
    expect(replies[0]).toMatch(SAFETY);
    expect(replies[2]).toMatch(/Har du inden for den sidste måned ønsket, at du var død/);
    expect((await citizen.say('ja'))[0]).toMatch(/Har du inden for den sidste måned haft tanker om at tage dit eget liv/);
    const raised = await citizen.say('nej');
    expect(raised).toEqual(['Jeg har også givet Mette possible besked. De kontakter dig så hurtigt som muligt.', 'Er du i sikkerhed lige nu?']);
    expect((await citizen.say('ja'))[0]).toMatch(/^Godt\. Tak, fordi du fortalte mig det/);
    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId }, orderBy: { createdAt: 'asc' } });
    expect(alerts.map((alert) => [alert.severity, crisisOf(alert)?.reason])).toEqual([
      ['URGENT', 'message'],
      ['CRISIS', 'screening-yes'],
    ]);
  });

  it('when both screening questions are answered "nej", then the person is thanked and nothing more is raised', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await caseworkerAndCitizen(app, channel, 'screened');
    await citizen.say('jeg kan ikke se nogen udvej');
    await citizen.say('nej');
    expect(await citizen.say('nej')).toEqual(['Tak, fordi du svarede. Du kan altid skrive til mig igen og ringe til numrene ovenfor.']);
    expect(await app.db.prisma.alert.count({ where: { citizenId } })).toBe(1);
  });

  it('when two possible-risk messages come within a few turns, then the second gets the clear-risk response and a CRISIS alert', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await caseworkerAndCitizen(app, channel, 'turns');
    expect((await citizen.say('jeg orker ikke mere'))[2]).toMatch(/Har du inden for den sidste måned ønsket/);
    // Not an answer: the question is let go, and the message goes to the menu.
    expect((await citizen.say('hvornår er mit næste møde')).join('\n')).not.toMatch(/Du skal ikke stå alene/);
    const second = await citizen.say('ingen ville savne mig');
    expect(second[0]).toMatch(SAFETY);
    expect(second.at(-1)).toBe('Er du i sikkerhed lige nu?');
    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId }, orderBy: { createdAt: 'asc' } });
    expect(alerts.map((alert) => [alert.severity, crisisOf(alert)?.tier, crisisOf(alert)?.reason])).toEqual([
      ['URGENT', 'possible', 'message'],
      ['CRISIS', 'clear', 'across-turns'],
    ]);
  });

  it('when someone writes in a language the bot does not read, then a short note in Danish and English gives 112 and, if enrolled, the caseworker', async () => {
    const { app, channel } = service;
    const stranger = new ChannelUser(app.url, channel, 'polish', 'conv-polish');
    const note = await stranger.say('nie wiem co mam robić, jest mi bardzo źle');
    expect(note).toHaveLength(1);
    expect(note[0]).toMatch(/Jeg forstår desværre ikke dit sprog[\s\S]*112[\s\S]*Sorry, I don't understand your language[\s\S]*112/);
    const { citizen } = await caseworkerAndCitizen(app, channel, 'language');
    expect((await citizen.say('ich weiß nicht mehr, was ich machen soll'))[0]).toMatch(/Din sagsbehandler er Mette language\.[\s\S]*Your caseworker is Mette language\./);
  });

  it('when a stranger writes in English, then the safety message is in English', async () => {
    const stranger = new ChannelUser(service.app.url, service.channel, 'english', 'conv-english', 'en-GB');
    expect((await stranger.say('I took all my pills'))[0]).toMatch(SAFETY_EN);
  });
});

describe('crisis safety out of hours', () => {
  // Saturday 22:00 in Copenhagen; the test moves the clock on instead of waiting.
  let now = new Date('2026-11-28T21:00:00Z');
  const service = useServiceWithChannel({ ALERT_TICK_CRON: '* * * * * *' }, () => now);

  it('when a crisis comes at night, then the on-call staff get it at once, the citizen is told who and that 112 is the way now; unanswered, it goes on to the coordinators and the citizen hears 112 again', { timeout: 60_000 }, async () => {
    const { app, channel } = service;
    const onCall = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Vagt Jensen', email: 'vagt@example.dk' } });
    await enrolled(app, channel, onCall.body.enrollmentCode, 'vagt');
    const lead = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lone Leder', email: 'lone@example.dk', role: 'COORDINATOR' } });
    await enrolled(app, channel, lead.body.enrollmentCode, 'lone');
    const settings = await staffApi(app, 'PUT', '/api/admin/settings', { body: { onCall: { staffIds: [onCall.body.id] } } });
    expect(settings.status).toBe(200);
    const { citizen } = await caseworkerAndCitizen(app, channel, 'night');
    const onCallBefore = channel.textsIn('conv-vagt').length;
    const leadBefore = channel.textsIn('conv-lone').length;

    const replies = await citizen.say('jeg har taget 30 panodiler');
    expect(replies[0]).toMatch(SAFETY);
    expect(replies[1]).toBe(
      'Jeg har også givet Mette night besked, og fordi det er uden for åbningstid, også Vagt Jensen, som har vagt. Svarer ingen dig, så ring 112.',
    );
    const onCallTexts = await channel.waitForMessages('conv-vagt', onCallBefore + 1);
    expect(onCallTexts.at(-1)).toMatch(/^KRISE: Krise fra Anna night[\s\S]*Risiko: Klar risiko[\s\S]*Tegn: Mange piller/);

    // Nobody acknowledges within the crisis response time (15 minutes): the coordinators get it, the citizen is told.
    const citizenBefore = channel.textsIn('conv-anna-night').length;
    now = new Date(now.getTime() + 16 * 60_000);
    const toCitizen = await channel.waitForMessages('conv-anna-night', citizenBefore + 2, 15_000);
    expect(toCitizen.slice(citizenBefore)).toEqual(
      expect.arrayContaining([
        'Din sagsbehandler har ikke nået at svare endnu. Derfor har jeg bedt en leder i jobcentret om at se på det.',
        'Er du i fare lige nu, så ring 112. Du skal ikke vente på os.',
      ]),
    );
    expect((await channel.waitForMessages('conv-lone', leadBefore + 1)).at(-1)).toMatch(/KRISE/);
  });
});
