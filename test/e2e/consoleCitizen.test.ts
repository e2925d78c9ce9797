import { describe, expect, it } from 'vitest';
import { ChannelUser } from '../support/standInChannel.js';
import { metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';
import { tellCitizenStory } from '../support/citizenStory.js';
import { ConsoleVisitor } from '../support/console.js';

/** Text without tags, so assertions read like the page. */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the caseload and the citizen page', () => {
  const context = useServiceWithChannel();
  const ids = { mette: '', anna: '', bo: '' };
  let annaChat: ChannelUser;
  const signedIn = async (staffId: string) => {
    const visitor = new ConsoleVisitor(context.app);
    await visitor.signInAs(staffId);
    return visitor;
  };

  it('when Mette opens "Borgere", then she sees her own citizens (not Ole\'s), and a search by name finds or says none', async () => {
    const { app, channel } = context;
    const anna = await metteAndAnna(app, channel);
    annaChat = anna.citizen;
    ids.anna = anna.citizenId;
    ids.mette = (await app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } })).id;
    const ole = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole Berg', email: 'ole@example.dk' } });
    ids.bo = String((await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Bo <script>alert(1)</script>', caseworkerId: ole.body.id } })).body.id);
    await tellCitizenStory(app.db.prisma, ids.anna, ids.mette);

    const mette = await signedIn(ids.mette);
    const caseload = await mette.get('/console/citizens');
    expect(caseload.status).toBe(200);
    expect(caseload.html).toContain(`href="/console/citizens/${ids.anna}"`);
    expect(caseload.html).not.toContain(ids.bo);
    expect(text(caseload.html)).toMatch(/Anna .*Ingen .*Ja .*bedre end sidst.*3 af 5/);
    expect(text((await mette.get('/console/citizens?q=ann')).html)).toContain('1 borger');
    expect(text((await mette.get('/console/citizens?q=%C3%B8le')).html)).toContain('Ingen borgere hedder noget med „øle“.');

    // A coordinator sees everyone, names escaped.
    const coordinatorId = (await app.db.prisma.staff.create({ data: { organisationId: (await app.db.prisma.organisation.findFirstOrThrow()).id, name: 'Lone Leder', email: 'lone@example.dk', role: 'COORDINATOR' } })).id;
    const all = await (await signedIn(coordinatorId)).get('/console/citizens');
    expect(all.html).toContain('Bo &lt;script>alert(1)&lt;/script>');
    expect(all.html).not.toContain('<script>alert(1)');
    expect(text(all.html)).toContain('Alle borgere');
  });

  it('when Mette opens another caseworker\'s citizen, then she gets the 403 page and nothing of theirs', async () => {
    const mette = await signedIn(ids.mette);
    const denied = await mette.get(`/console/citizens/${ids.bo}`);
    expect(denied.status).toBe(403);
    expect(denied.html).toContain('Du har ikke adgang til denne side');
    expect(denied.html).not.toContain('Bo &lt;script');
    expect((await mette.post(`/console/citizens/${ids.bo}/assessment`, { score: '2' })).status).toBe(403);
    expect((await mette.get('/console/citizens/not-a-uuid')).status).toBe(404);
  });

  it('when Mette reads Anna\'s page, then goals, ranked barriers, progress with F beside it, hours by week and the timeline are there in words', async () => {
    // The citizen's own words go into the page as text, never as markup.
    await context.app.db.prisma.goal.create({ data: { citizenId: ids.anna, text: '<img src=x onerror=alert(1)> "citat"' } });
    const mette = await signedIn(ids.mette);
    const page = await mette.get(`/console/citizens/${ids.anna}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)> &#34;citat&#34;');
    const words = text(page.html);
    expect(words).toMatch(/Arbejde i en butik .*Ringe til Netto om praktik Klaret .*Skrive et CV I gang/);
    expect(words).toMatch(/Nr\. 1 Transport og at komme rundt Det ville hjælpe: Et buskort .*Nr\. 2 Tro på mig selv .*Nr\. 3 Penge og gæld/);
    expect(words).toMatch(/Din vurdering \(F\) ved siden af borgerens egen 3 af 5 Mere energi end sidst/);
    expect(words).toMatch(/uge \d+ 12/);
    expect(page.html).toMatch(/<img class="chart-image" src="data:image\/png;base64,[A-Za-z0-9+/]/);
    expect(words).toContain('Check-in besvaret');
    expect(words).toContain('Sagde ja til at bruge Ledsager');
    // Anna may see who looked: the page view is in the access log under Mette's name.
    const looked = await context.app.db.prisma.accessLog.findMany({ where: { citizenId: ids.anna, category: 'citizen-page' } });
    expect(looked.map((row) => row.staffId)).toContain(ids.mette);
  });

  it('when Mette writes to Anna from the page and Anna answers, then Anna\'s chat has the message and the timeline shows both ways', async () => {
    const { channel } = context;
    const mette = await signedIn(ids.mette);
    await mette.get(`/console/citizens/${ids.anna}`);
    const before = channel.textsIn('conv-anna').length;
    const sent = await mette.post(`/console/citizens/${ids.anna}/message`, { text: 'Kan du komme torsdag?' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/console/citizens/${ids.anna}?done=messageSent#main-content`);
    await channel.waitForMessages('conv-anna', before + 1, 5_000);
    expect(channel.textsIn('conv-anna').at(-1)).toContain('Kan du komme torsdag?');
    await annaChat.say('Ja det kan jeg godt');

    const page = text((await mette.get(`/console/citizens/${ids.anna}?done=messageSent`)).html);
    expect(page).toContain('Din besked er sendt til Anna.');
    expect(page).toMatch(/Fra borgeren Borgeren skrev Ja det kan jeg godt .*Til borgeren Mette Holm skrev til borgeren Kan du komme torsdag\?/);
  });

  it('when a form is empty, wrong or without its CSRF token, then the page says what is wrong next to the field, or refuses', async () => {
    const mette = await signedIn(ids.mette);
    await mette.get(`/console/citizens/${ids.anna}`);
    const empty = await mette.post(`/console/citizens/${ids.anna}/message`, { text: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Skriv en besked på højst 2000 tegn.');
    const past = await mette.post(`/console/citizens/${ids.anna}/check-in`, { at: '2020-01-01T10:00' });
    expect(past.status).toBe(400);
    expect(past.html).toMatch(/class="form-error-message" id="checkin-error">Vælg en dato og et tidspunkt, der ikke er gået\./);
    expect(past.html).toContain('value="2020-01-01T10:00"');
    const noScore = await mette.post(`/console/citizens/${ids.anna}/assessment`, { score: '7' });
    expect(noScore.status).toBe(400);
    expect(noScore.html).toContain('Vælg en vurdering fra 1 til 5.');
    const forged = await mette.post(`/console/citizens/${ids.anna}/reminders`, { paused: 'true' }, null);
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('Formularen er udløbet');
  });

  it('when Mette schedules a check-in, pauses and resumes reminders and rates F, then each is saved and said', async () => {
    const { app } = context;
    const mette = await signedIn(ids.mette);
    await mette.get(`/console/citizens/${ids.anna}`);
    const scheduled = await mette.post(`/console/citizens/${ids.anna}/check-in`, { at: '2030-01-07T10:00' });
    expect(scheduled.location).toContain('done=checkInScheduled');
    const adHoc = await app.db.prisma.reminder.findFirstOrThrow({ where: { citizenId: ids.anna, kind: 'checkIn', status: 'PENDING', payload: { path: ['adHoc'], equals: true } } });
    expect(adHoc.dueAt.toISOString()).toBe('2030-01-07T09:00:00.000Z');

    expect((await mette.post(`/console/citizens/${ids.anna}/reminders`, { paused: 'true' })).location).toContain('done=paused');
    expect(text((await mette.get(`/console/citizens/${ids.anna}`)).html)).toContain('Påmindelser er sat på pause.');
    expect((await mette.post(`/console/citizens/${ids.anna}/reminders`, { paused: 'false' })).location).toContain('done=resumed');

    expect((await mette.post(`/console/citizens/${ids.anna}/assessment`, { score: '4', note: 'Klar til praktik' })).location).toContain('done=assessed');
    expect(text((await mette.get(`/console/citizens/${ids.anna}`)).html)).toMatch(/4 af 5 Klar til praktik Mette Holm/);
  });

  it('when Mette makes a new code, then the letter shows it with a QR code and the chat link, and the code enrolls Anna in a new chat', async () => {
    const { app, channel } = context;
    const mette = await signedIn(ids.mette);
    await mette.get(`/console/citizens/${ids.anna}`);
    const letter = await mette.post(`/console/citizens/${ids.anna}/letter`, {});
    expect(letter.status).toBe(200);
    const code = /class="letter-code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(letter.html)?.[1] as string;
    expect(code).toBeDefined();
    expect(letter.html).toContain(`${app.url}/?code=${code}`);
    expect(letter.html).toMatch(/<div class="letter-qr" role="img" aria-label="QR-kode til chatten med din kode"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text(letter.html)).toMatch(/Kære Anna .*Mette Holm.*Koden virker til og med \d+\. \w+ \d{4} og kun én gang\. .*ring 112/);

    const newDevice = new ChannelUser(app.url, channel, 'anna-phone', 'conv-anna-phone');
    expect((await newDevice.say(code))[0]).toMatch(/Hej Anna/);
  });
});
