import { describe, expect, it } from 'vitest';
import { metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';
import { ChannelUser } from '../support/standInChannel.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The last message in the conversation that carries progress charts. */
function lastProgress(activities: Array<{ text?: string; attachments?: unknown[] }>) {
  return [...activities].reverse().find((activity) => imagesOf(activity).length > 0);
}

function imagesOf(activity: { attachments?: unknown[] } | undefined): Buffer[] {
  const card = (activity?.attachments?.[0] as { content?: { body?: Array<{ type: string; url?: string }> } } | undefined)?.content;
  return (card?.body ?? [])
    .filter((element) => element.type === 'Image' && element.url?.startsWith('data:image/png;base64,'))
    .map((element) => Buffer.from((element.url as string).split(',')[1] as string, 'base64'));
}

describe('a check-in, driven as a channel drives it', () => {
  const service = useServiceWithChannel();

  it('when a citizen answers by digits and words, then a summary with a PNG chart comes back; a fall of two steps alerts the caseworker', async () => {
    const { app, channel } = service;
    const { citizen, citizenId } = await metteAndAnna(app, channel);

    await citizen.say('hvordan går det?');
    await citizen.say('2');
    // A crisis in the middle of a check-in: the safety message first; the question stays open.
    const crisis = await citizen.say('jeg har selvmordstanker');
    expect(crisis[0]).toMatch(/Du skal ikke stå alene med det/);
    await citizen.say('Mit helbred er ikke i vejen for, at jeg kan arbejde');
    await citizen.say('2');
    await citizen.say('spring over');
    await citizen.say('1');
    const summary = await citizen.say('5 timer');
    const summaryActivity = lastProgress(channel.activitiesIn('conv-anna'));
    expect(summary.join('\n')).toMatch(/Det her er dit udgangspunkt/);
    expect(summaryActivity?.text).toMatch(/Helbred: 100 af 100/);
    const [radar] = imagesOf(summaryActivity);
    expect(radar?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(radar?.length).toBeGreaterThan(5_000);

    // Second check-in: health two steps down (100 → 50).
    await citizen.say('1');
    await citizen.say('2');
    await citizen.say('3');
    await citizen.say('2');
    await citizen.say('spring over');
    const second = await citizen.say('1');
    expect(second.join('\n')).toMatch(/Helbred er meget lavere end sidst\. Det er godt at tale med Mette Holm om det\./);
    expect(second.join('\n')).toMatch(/Helbred: 50 af 100 \(sidst 100\)/);
    // Radar, factors over time, and the weekly hours.
    expect(imagesOf(lastProgress(channel.activitiesIn('conv-anna')))).toHaveLength(3);

    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId }, orderBy: { createdAt: 'asc' } });
    expect(alerts.map((alert) => alert.kind)).toEqual(['crisis', 'concern']);
    expect(alerts[1]?.payload).toMatchObject({ facts: { concerns: [{ kind: 'drop', factor: 'B', from: 100, to: 50 }] } });
    expect(JSON.stringify(alerts[1]?.payload)).not.toMatch(/helbred er ikke/i);
  });

  it('when the caseworker records factor F and reads the summary, then scores, change, F and hours are there, and the chart is a PNG', async () => {
    const { app } = service;
    const mette = await app.db.prisma.staff.findFirstOrThrow({ where: { email: 'mette@example.dk' } });
    const token = String((await staffApi(app, 'POST', '/api/admin/tokens', { body: { staffId: mette.id } })).body.token);
    const citizenId = (await app.db.prisma.citizen.findFirstOrThrow({ where: { displayName: 'Anna' } })).id;

    expect((await staffApi(app, 'PUT', `/api/admin/citizens/${citizenId}/assessment`, { token, body: { score: 6 } })).status).toBe(400);
    expect((await staffApi(app, 'PUT', `/api/admin/citizens/${citizenId}/assessment`, { token, body: { score: 3, note: 'God energi' } })).status).toBe(201);
    const summary = await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`, { token });
    expect(summary.body.progression).toMatchObject({
      latest: { A: 75, B: 50, C: 75, D: null, E: 100 },
      changes: { A: 0, B: -50 },
      assessment: { score: 3, note: 'God energi', by: 'Mette Holm' },
      hours: [{ hours: 5 }],
    });

    const chart = await fetch(`${app.url}/api/admin/citizens/${citizenId}/progress.png`, { headers: { authorization: `Bearer ${token}` } });
    expect(chart.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await chart.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect((await fetch(`${app.url}/api/admin/citizens/${citizenId}/progress.png`)).status).toBe(401);
  });
});

describe('check-in items per programme', () => {
  const service = useServiceWithChannel();

  it('when a coordinator maps a programme to items, then its citizens are asked those items; unknown item ids are refused', async () => {
    const { app, channel } = service;
    const bad = await staffApi(app, 'PUT', '/api/admin/settings', { body: { checkInItems: { byProgramme: { uddannelseshjaelp: ['A4', 'Z9'] } } } });
    expect(bad.status).toBe(400);
    const ok = await staffApi(app, 'PUT', '/api/admin/settings', { body: { checkInItems: { byProgramme: { uddannelseshjaelp: ['A4', 'B2'] } } } });
    expect(ok.status).toBe(200);
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette', email: 'm@example.dk' } });
    const young = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Bo', caseworkerId: mette.body.id, programme: 'uddannelseshjaelp' } });
    const bo = new ChannelUser(app.url, channel, 'bo', 'conv-bo');
    await bo.say(String(young.body.enrollmentCode));
    await bo.say('ja');
    await bo.say('1');
    const first = (await bo.say('1')).join('\n');
    expect(first).toMatch(/Spørgsmål 1 af 2\n\n\*\*Er du klar til uddannelse\?\*\*/);
  });
});
