import { describe, expect, it } from 'vitest';
import { enrolled, metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';
import { ConsoleVisitor, reportIllness } from '../support/console.js';


describe('the staff console: sign-in and the inbox', () => {
  const context = useServiceWithChannel();
  let metteId = '';
  let anna: Awaited<ReturnType<typeof metteAndAnna>>;
  const mette = () => {
    const visitor = new ConsoleVisitor(context.app);
    return { visitor, ready: visitor.signInAs(metteId) };
  };

  it('when the link printed at start is followed, then the coordinator is in the console with a safe cookie, and the link is used up', async () => {
    const link = await context.app.staffConsole.startupSignInLink(context.app.url);
    expect(link).toMatch(/\/console\/sign-in\/link\?token=/);
    const visitor = new ConsoleVisitor(context.app);
    const first = await visitor.follow(link as string);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/console');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ledsager_console=[\w-]{40,}; Path=\/console; SameSite=Lax; HttpOnly; Max-Age=43200$/);
    expect((await fetch(link as string, { redirect: 'manual' })).status).toBe(400);

    const inbox = await visitor.get('/console');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toContain('<h1>Indbakke</h1>');
    expect(inbox.html).toContain('Logget ind som Koordinator, koordinator');
    expect(inbox.html).toContain('>Personale<');
  });

  it('when the service is reached over https (a proxy says so), then the session cookie is also Secure', async () => {
    const link = await context.app.staffConsole.startupSignInLink(context.app.url);
    const response = await fetch(link as string, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure; Max-Age=43200$/);
  });

  it('when nobody is signed in, then pages lead to the sign-in page and unknown console paths do too', async () => {
    const visitor = new ConsoleVisitor(context.app);
    const inbox = await visitor.get('/console');
    expect(inbox.status).toBe(303);
    expect(inbox.response.headers.get('location')).toBe('/console/sign-in?returnTo=%2Fconsole');
    const signIn = await visitor.get('/console/sign-in');
    expect(signIn.status).toBe(200);
    expect(signIn.html).toContain('log ind-link, som den skrev i terminalen');
  });

  it('when Anna reports that she is ill, then the alert is in Mette\'s inbox with her words, the time left in words and the count in the title', async () => {
    anna = await metteAndAnna(context.app, context.channel);
    metteId = (await context.app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } })).id;
    const { visitor, ready } = mette();
    await ready;
    const before = await visitor.get('/console');
    expect(before.html).toContain('Der er ingen henvendelser, der venter.');
    const version = /inbox\/live\?v=(\w+)/.exec(before.html)?.[1];
    expect((await visitor.get(`/console/inbox/live?v=${version}`)).status).toBe(204);

    await reportIllness(anna.citizen);
    const live = await visitor.get(`/console/inbox/live?v=${version}`);
    expect(live.status).toBe(200);
    expect(live.html).toMatch(/^<title>\(1\) Indbakke – Ledsager<\/title>/);
    expect(live.html).toContain('Haster: Syg eller indlagt fra Anna');
    const page = await visitor.get('/console');
    expect(page.html).toContain('<title>(1) Indbakke – Ledsager</title>');
    expect(page.html).toMatch(/class="time-left">(om \d+ (timer|time|minutter|dage|dag)|overskredet med [^<]+)</);
    expect(page.html).toContain('Svar senest');
  });

  it('when Mette acknowledges, replies and resolves from the inbox, then Anna\'s chat receives each and the list follows', async () => {
    const { visitor, ready } = mette();
    await ready;
    const page = await visitor.get('/console');
    const alertId = /id="alert-([0-9a-f-]{36})"/.exec(page.html)?.[1] as string;

    const chatBefore = context.channel.textsIn('conv-anna').length;
    const ack = await visitor.post(`/console/alerts/${alertId}/acknowledge`, { back: '/console' });
    expect(ack.status).toBe(303);
    expect(ack.location).toBe(`/console?alert=${alertId}&done=acknowledged`);
    await context.channel.waitForMessages('conv-anna', chatBefore + 1, 5_000);
    expect(context.channel.textsIn('conv-anna').at(-1)).toMatch(/Mette Holm/);
    const after = await visitor.get(ack.location as string);
    expect(after.html).toContain('Markeret som set. Anna har fået besked.');
    expect(after.html).not.toContain(`id="ack-${alertId}"`);

    const empty = await visitor.post(`/console/alerts/${alertId}/reply`, { back: '/console', text: '   ' });
    expect(empty.location).toBe(`/console?alert=${alertId}&error=replyRequired#reply-${alertId}`);
    expect((await visitor.get(empty.location as string)).html).toContain('Skriv dit svar, før du trykker Send svar.');

    const reply = await visitor.post(`/console/alerts/${alertId}/reply`, { back: '/console', text: 'God bedring. Jeg ringer i morgen.' });
    expect(reply.location).toBe(`/console?alert=${alertId}&done=replied`);
    await context.channel.waitForMessages('conv-anna', chatBefore + 2, 5_000);
    expect(context.channel.textsIn('conv-anna').at(-1)).toMatch(/God bedring\. Jeg ringer i morgen\./);

    const resolve = await visitor.post(`/console/alerts/${alertId}/resolve`, { back: '/console?severity=URGENT' });
    expect(resolve.location).toBe(`/console?severity=URGENT&alert=${alertId}&done=resolved`);
    await context.channel.waitForMessages('conv-anna', chatBefore + 3, 5_000);
    expect(context.channel.textsIn('conv-anna').at(-1)).toBe('Mette Holm har afsluttet sagen om din besked. Skriv bare igen, hvis der er mere.');
    const resolved = await visitor.get(resolve.location as string);
    expect(resolved.html).toContain('Henvendelsen fra Anna er afsluttet.');
    expect(resolved.html).not.toContain(`id="alert-${alertId}"`);
  });

  it('when a form comes without the CSRF token or with a wrong one, then it is refused with a 403 page and nothing changes', async () => {
    await reportIllness(anna.citizen);
    const { visitor, ready } = mette();
    await ready;
    const alertId = /id="alert-([0-9a-f-]{36})"/.exec((await visitor.get('/console')).html)?.[1] as string;
    for (const csrf of [null, 'not-the-token']) {
      const refused = await visitor.post(`/console/alerts/${alertId}/acknowledge`, { back: '/console' }, csrf);
      expect(refused.status).toBe(403);
      expect(refused.html).toContain('Formularen er udløbet');
    }
    expect((await visitor.get('/console')).html).toContain(`id="ack-${alertId}"`);
  });

  it('when another caseworker tries to act on Mette\'s alert, then a 403 page; and it is not in her inbox', async () => {
    const lone = await staffApi(context.app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lone Berg', email: 'lone@example.dk' } });
    const visitor = new ConsoleVisitor(context.app);
    await visitor.signInAs(String(lone.body.id));
    const inbox = await visitor.get('/console');
    expect(inbox.html).toContain('Der er ingen henvendelser, der venter.');
    expect(inbox.html).not.toContain('>Personale<');
    const { visitor: metteVisitor, ready } = mette();
    await ready;
    const alertId = /id="alert-([0-9a-f-]{36})"/.exec((await metteVisitor.get('/console')).html)?.[1] as string;
    const denied = await visitor.post(`/console/alerts/${alertId}/resolve`, { back: '/console' });
    expect(denied.status).toBe(403);
    expect(denied.html).toContain('Du har ikke adgang til denne side');
    expect(denied.html).not.toContain('Anna');
  });

  it('when filters are chosen, then only matching alerts are listed', async () => {
    const { visitor, ready } = mette();
    await ready;
    expect((await visitor.get('/console?severity=CRISIS')).html).toContain('Ingen henvendelser passer til filtrene.');
    expect((await visitor.get('/console?severity=URGENT&status=OPEN')).html).toContain('Syg eller indlagt fra Anna');
    expect((await visitor.get('/console?status=ACKNOWLEDGED')).html).toContain('Ingen henvendelser passer til filtrene.');
    expect((await visitor.get('/console?severity=bogus&citizen=not-a-uuid')).status).toBe(200);
  });

  it('when names and words hold markup, then every page shows them as text, never as markup', async () => {
    const hostileName = '<script>alert(1)</script>"\'&';
    const caseworker = await staffApi(context.app, 'POST', '/api/admin/caseworkers', { body: { name: hostileName, email: 'x@example.dk' } });
    await enrolled(context.app, context.channel, caseworker.body.enrollmentCode, 'hostile-cw');
    const citizen = await staffApi(context.app, 'POST', '/api/admin/citizens', { body: { displayName: hostileName, caseworkerId: caseworker.body.id } });
    const user = await enrolled(context.app, context.channel, citizen.body.enrollmentCode, 'hostile');
    await user.say('ja');
    await user.say('1');
    await user.say('skriv til min sagsbehandler');
    await user.say('<img src=x onerror=alert(2)> "quoted" & <b>bold</b>');
    const visitor = new ConsoleVisitor(context.app);
    await visitor.signInAs(String(caseworker.body.id));
    const pages = [
      (await visitor.get('/console')).html,
      (await visitor.get('/console/inbox/live?v=none')).html,
      (await visitor.get('/console/nope')).html,
    ];
    for (const html of pages) {
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>bold</b>');
    }
    // @kitajs/html escapes <, &, " and ' (a lone > cannot open markup).
    expect(pages[0]).toContain('Logget ind som &lt;script>alert(1)&lt;/script>&#34;&#39;&amp;, sagsbehandler');
    expect(pages[0]).toContain('<blockquote>&lt;img src=x onerror=alert(2)> &#34;quoted&#34; &amp; &lt;b>bold&lt;/b></blockquote>');
  });

  it('when a colleague acknowledges one of Mette\'s alerts, then her open inbox gets the change on its next refresh', async () => {
    const { visitor, ready } = mette();
    await ready;
    await reportIllness(anna.citizen);
    const page = await visitor.get('/console');
    const version = /inbox\/live\?v=(\w+)/.exec(page.html)?.[1];
    const alertId = [...page.html.matchAll(/id="ack-([0-9a-f-]{36})"/g)].at(-1)?.[1] as string;
    await staffApi(context.app, 'POST', `/api/admin/alerts/${alertId}/acknowledge`);
    const live = await visitor.get(`/console/inbox/live?v=${version}`);
    expect(live.status).toBe(200);
    expect(live.html).not.toContain(`id="ack-${alertId}"`);
  });

  it('when Mette signs out, then her session no longer opens the console', async () => {
    const { visitor, ready } = mette();
    await ready;
    await visitor.get('/console');
    const out = await visitor.post('/console/sign-out', {});
    expect(out.location).toBe('/console/sign-in?notice=signedOut');
    expect((await visitor.get('/console')).status).toBe(303);
  });
});
