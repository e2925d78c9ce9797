import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { startTestApp, staffApi } from '../support/app.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

describe('a citizen conversation, driven as a channel drives it', () => {
  const channel = new StandInChannel();
  let app: RunningApp;
  let citizenId: string;
  let anna: ChannelUser;

  beforeAll(async () => {
    await channel.start();
    app = await startTestApp();
    const caseworker = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: caseworker.body.id } });
    citizenId = String(citizen.body.id);
    anna = new ChannelUser(app.url, channel, 'anna', 'conv-anna');
    await anna.say(String(citizen.body.enrollmentCode));
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('when Anna consents, states a goal, adds a step due "i morgen" and ranks three barriers by numbers, then the staff API shows it all in her order', async () => {
    expect((await anna.say('1'))[1]).toMatch(/Hvornår på dagen/);
    const tour = await anna.say('2');
    expect(tour[0]).toMatch(/Her er, hvad jeg kan/);
    expect(tour[1]).toMatch(/Hvad vil du gerne\?\n\n1\. Hvordan går det\?\n2\. Mine mål/);

    expect((await anna.say('mine mål')).at(-1)).toMatch(/Hvad vil du gerne arbejde hen imod/);
    const saved = await anna.say('Jeg vil gerne arbejde i en genbrugsbutik');
    expect(saved[0]).toMatch(/Dit mål er gemt/);
    expect(saved[1]).toMatch(/^Jeg har fortalt Mette Holm om det\. Du kan forvente svar senest/);
    expect((await anna.say('ja'))[0]).toMatch(/næste lille skridt/);
    expect((await anna.say('Ringe til butikken'))[0]).toMatch(/Hvornår vil du gerne have gjort det/);
    const due = await anna.say('i morgen');
    expect(due[0]).toMatch(/Skridtet er gemt\. Senest/);

    expect((await anna.say('det står i vejen'))[0]).toMatch(/Hvad gør det svært for dig lige nu/);
    expect((await anna.say('1, 6 og 4'))[0]).toMatch(/Hvad er vigtigst at arbejde med først\?\n\n1\. Transport.*\n2\. Psykisk helbred.*\n3\. Tro på mig selv/);
    expect((await anna.say('2'))[0]).toMatch(/Og hvad kommer derefter\?\n\n1\. Transport.*\n2\. Tro på mig selv/);
    expect((await anna.say('2'))[0]).toMatch(/Hvad tror du, kunne hjælpe med "Psykisk helbred og energi"/);
    expect((await anna.say('En fast rytme om morgenen'))[0]).toMatch(/hjælpe med "Tro på mig selv"/);
    expect((await anna.say('spring over'))[0]).toMatch(/hjælpe med "Transport/);
    expect((await anna.say('Et buskort'))[0]).toMatch(/Det er gemt, og din sagsbehandler kan se det i din rækkefølge/);

    const summary = await staffApi(app, 'GET', `/api/admin/citizens/${citizenId}`);
    const tomorrow = addDays(todayIn('Europe/Copenhagen', new Date()), 1);
    expect(summary.body).toMatchObject({
      consent: { decision: 'ACCEPTED' },
      contactWindow: { from: '12:00', to: '16:00' },
      goals: [{ text: 'Jeg vil gerne arbejde i en genbrugsbutik', steps: [{ text: 'Ringe til butikken', dueDate: tomorrow, status: 'OPEN' }] }],
      barriers: [
        { key: 'mentalHealth', rank: 1, whatWouldHelp: 'En fast rytme om morgenen' },
        { key: 'selfBelief', rank: 2, whatWouldHelp: null },
        { key: 'transport', rank: 3, whatWouldHelp: 'Et buskort' },
      ],
    });
    const alerts = await app.db.prisma.alert.findMany({ where: { citizenId } });
    expect(alerts.map((alert) => [alert.kind, alert.severity])).toEqual([['goal-new', 'NORMAL']]);
  });

  it('when Anna marks the step done by clicking card buttons, then she is congratulated and it stays visible as done', async () => {
    await anna.say('menu');
    expect((await anna.submit({ verb: 'answer', answer: '2' }))[0]).toMatch(/Dine mål:[\s\S]*- Ringe til butikken \(senest/);
    expect((await anna.submit({ verb: 'answer', answer: '3' }))[0]).toMatch(/Hvilket skridt\?/);
    expect((await anna.submit({ verb: 'answer', answer: '1' }))[0]).toMatch(/Flot klaret/);
    const overview = await anna.say('mine mål');
    expect(overview[0]).toMatch(/✓ Ringe til butikken/);
  });
});
