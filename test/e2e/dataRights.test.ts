import { describe, expect, it } from 'vitest';
import { distinctive, seedCitizenData } from '../support/privacySeed.js';
import { enrolled, metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';
import { ConsoleVisitor, reportIllness } from '../support/console.js';
import type { CitizenData } from '../../domain/privacy/citizenData.js';

/** The JSON offered for download on the document page (a data: URL). */
function jsonOnPage(html: string): CitizenData {
  const href = /href="data:application\/json;charset=utf-8,([^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error('no JSON download on the page');
  return JSON.parse(decodeURIComponent(href.replace(/&amp;/g, '&'))) as CitizenData;
}

describe('data rights end to end', () => {
  const context = useServiceWithChannel();

  async function caseworkerWithCitizen(tag: string) {
    const { app, channel } = context;
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: `mette-${tag}@example.dk` } });
    const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: mette.body.id } })).body.token);
    const words = distinctive(tag);
    const anna = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: words.name, caseworkerId: mette.body.id } });
    const citizenId = String(anna.body.id);
    const citizen = await enrolled(app, channel, anna.body.enrollmentCode, `anna-${tag}`);
    await citizen.say('ja');
    await citizen.say('1');
    const { alertId } = await seedCitizenData(app.db.prisma, citizenId, String(mette.body.id), words, new Date());
    return { token, citizenId, citizen, words, alertId, staffId: String(mette.body.id) };
  }

  it('when staff read a citizen through any path, then each read adds exactly one access-log row naming who, role and what', async () => {
    const { app } = context;
    const { token, citizenId, alertId, staffId } = await caseworkerWithCitizen('paths');
    const paths: Array<[string, string]> = [
      [`/api/admin/citizens/${citizenId}`, 'summary'],
      [`/api/admin/citizens/${citizenId}/progress`, 'progress'],
      [`/api/admin/citizens/${citizenId}/progress.png`, 'progress-chart'],
      ['/api/admin/alerts?status=all', 'alert-list'],
      [`/api/admin/alerts/${alertId}`, 'alert'],
      [`/api/admin/citizens/${citizenId}/export`, 'export'],
    ];
    for (const [path, category] of paths) {
      const before = await app.db.prisma.accessLog.count({ where: { citizenId } });
      const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(200);
      const rows = await app.db.prisma.accessLog.findMany({ where: { citizenId }, orderBy: { at: 'desc' } });
      expect(rows.length - before, path).toBe(1);
      expect(rows[0], path).toMatchObject({ staffId, role: 'CASEWORKER', category });
    }
    // The console's inbox: the page is a read; a live poll that brings nothing new is not.
    const visitor = new ConsoleVisitor(app);
    await visitor.signInAs(staffId);
    const before = await app.db.prisma.accessLog.count({ where: { citizenId } });
    const page = await visitor.get('/console');
    expect(page.status).toBe(200);
    expect(await app.db.prisma.accessLog.count({ where: { citizenId, category: 'alert-list' } })).toBe(2);
    const version = /\/console\/inbox\/live\?([^"]*)"/.exec(page.html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect((await visitor.get(`/console/inbox/live?${version}`)).status).toBe(204);
    expect(await app.db.prisma.accessLog.count({ where: { citizenId } })).toBe(before + 1);

    // What was read is a category; the data itself never enters the log.
    const logged = JSON.stringify(await app.db.prisma.accessLog.findMany({ where: { citizenId } }));
    expect(logged).not.toContain('Quixwell');
  });

  it('when a citizen with goals, barriers, two check-ins and an alert with a reply and a thread asks for their data, then the document and JSON hold all of it and the caseworker\'s two views by name', async () => {
    const { app } = context;
    const { token, citizenId, citizen, words } = await caseworkerWithCitizen('export');
    for (let view = 0; view < 2; view += 1) {
      expect((await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`, { token })).status).toBe(200);
    }

    const shown = (await citizen.say('mine data')).join('\n') + (await citizen.say('Se mine data')).join('\n');
    expect(shown).toContain(words.goal);
    expect(shown).toMatch(/Mette Holm \(sagsbehandler\) så dit overblik \(2 gange\)/);
    const linkReply = (await citizen.say('Hent mine data')).join('\n');
    const url = /(http:\/\/\S+\/my-data\/[A-Za-z0-9_-]{43})/.exec(linkReply)?.[1];
    expect(url, linkReply).toBeDefined();

    const response = await fetch(url as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    for (const text of [words.goal, words.step, words.other, words.help, words.alert, words.reply, words.thread, 'Mette Holm (sagsbehandler) så dit overblik (2 gange)', '<svg']) {
      expect(html, text).toContain(text.replace(/"/g, '&quot;'));
    }
    const json = jsonOnPage(html);
    expect(json.goals[0]).toMatchObject({ text: words.goal, steps: [expect.objectContaining({ text: words.step })] });
    expect(json.barriers.map((barrier) => barrier.whatWouldHelp)).toContain(words.help);
    expect(json.checkIns.filter((checkIn) => checkIn.status === 'COMPLETED')).toHaveLength(2);
    expect(json.checkIns[0]?.answers).toHaveLength(2);
    const alert = json.alerts.find((candidate) => candidate.citizenText === words.alert);
    expect(alert?.events.map((event) => [event.type, event.text])).toEqual(expect.arrayContaining([['replied', words.reply], ['citizenMessage', words.thread]]));
    expect(json.consents).toEqual([expect.objectContaining({ decision: 'ACCEPTED' })]);
    expect(json.accessLog.filter((entry) => entry.staff === 'Mette Holm' && entry.category === 'summary')).toHaveLength(2);

    // One time only: the same link again is refused kindly.
    const again = await fetch(url as string);
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/allerede brugt eller udløbet/);
  });

  it('when an alert card reaches the caseworker\'s chat, then that is one access-log row for her, with the alert as the reason', async () => {
    const { app, channel } = context;
    const { citizen, citizenId } = await metteAndAnna(app, channel);
    await reportIllness(citizen);
    const mette = await app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } });
    await expect.poll(() => app.db.prisma.accessLog.count({ where: { citizenId, category: 'alert-card' } }), { timeout: 20_000 }).toBe(1);
    const row = await app.db.prisma.accessLog.findFirstOrThrow({ where: { citizenId, category: 'alert-card' } });
    const alert = await app.db.prisma.alert.findFirstOrThrow({ where: { citizenId } });
    expect(row).toMatchObject({ staffId: mette.id, role: 'CASEWORKER', reason: alert.id });
  });
});
