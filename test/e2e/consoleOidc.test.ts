import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { staffApi, startTestApp } from '../support/app.js';
import { ConsoleVisitor } from '../support/console.js';
import { StandInIdentityProvider, type TokenFlaw } from '../support/identityProvider.js';

/** A free port, so PUBLIC_URL (the redirect URI's base) is known before the service starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('staff sign-in with OpenID Connect (production mode, a stand-in Entra ID)', () => {
  const idp = new StandInIdentityProvider();
  let app: RunningApp;
  let metteId = '';

  beforeAll(async () => {
    await idp.start();
    const port = await freePort();
    app = await startTestApp({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      STAFF_OIDC_ISSUER: idp.issuer,
      STAFF_OIDC_CLIENT_ID: idp.clientId,
      STAFF_OIDC_CLIENT_SECRET: idp.clientSecret,
    });
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    metteId = String(mette.body.id);
  });
  afterAll(async () => {
    await app?.stop();
    await idp.stop();
  });

  /** Starts a sign-in in a fresh browser and lets the provider answer with these claims (and flaw). */
  async function signIn(claims: Record<string, unknown>, flaw?: TokenFlaw) {
    const visitor = new ConsoleVisitor(app);
    const start = await visitor.follow(`${app.url}/console/sign-in/oidc?returnTo=%2Fconsole%3Fstatus%3DOPEN`);
    expect(start.status).toBe(303);
    const authorizationUrl = start.headers.get('location') as string;
    expect(authorizationUrl.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
    const flowCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const callback = await fetch(idp.authorize(authorizationUrl, claims, flaw), { headers: { cookie: flowCookie }, redirect: 'manual' });
    return { visitor, callback, authorizationUrl: new URL(authorizationUrl), html: await callback.text() };
  }

  it('when signed out, then the sign-in page offers the work account and no printed link', async () => {
    expect(await app.staffConsole.startupSignInLink(app.url)).toBeUndefined();
    const page = await new ConsoleVisitor(app).get('/console/sign-in');
    expect(page.html).toContain('href="/console/sign-in/oidc?returnTo=%2Fconsole"');
    expect(page.html).toContain('Log ind med din arbejdskonto');
  });

  it('when the provider returns a correct ID token for a known e-mail, then Mette is signed in and her object id is remembered', async () => {
    const { callback, authorizationUrl } = await signIn({ oid: 'aad-mette', email: 'Mette@Example.dk', name: 'Mette Holm' });
    const params = authorizationUrl.searchParams;
    expect(params.get('redirect_uri')).toBe(`${app.url}/console/sign-in/callback`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console?status=OPEN');
    const session = callback.headers.getSetCookie().find((value) => value.startsWith('ledsager_console='));
    expect(session).toMatch(/HttpOnly/);
    const page = await fetch(`${app.url}/console`, { headers: { cookie: (session as string).split(';')[0] as string } });
    expect(await page.text()).toContain('Logget ind som Mette Holm, sagsbehandler');
    expect((await app.db.prisma.staff.findUniqueOrThrow({ where: { id: metteId } })).aadObjectId).toBe('aad-mette');
  });

  it('when the e-mail changed but the object id is known, then she is still recognised', async () => {
    const { callback } = await signIn({ oid: 'aad-mette', email: 'mette.holm@new.example.dk' });
    expect(callback.status).toBe(303);
  });

  it.each<[TokenFlaw]>([['issuer'], ['audience'], ['nonce'], ['signature']])(
    'when the ID token has the wrong %s, then sign-in is refused and no session starts',
    async (flaw) => {
      const { callback, html } = await signIn({ oid: 'aad-mette', email: 'mette@example.dk' }, flaw);
      expect(callback.status).toBe(400);
      expect(html).toContain('Log ind lykkedes ikke.');
      expect(callback.headers.getSetCookie().some((value) => value.startsWith('ledsager_console='))).toBe(false);
    },
  );

  it('when the account is not in Ledsager, then a clear refusal page and no session', async () => {
    const { callback, html } = await signIn({ oid: 'aad-stranger', email: 'stranger@example.dk' });
    expect(callback.status).toBe(403);
    expect(html).toContain('Vi kender ikke din konto');
    expect(callback.headers.getSetCookie().some((value) => value.startsWith('ledsager_console='))).toBe(false);
  });

  it('when the callback comes to a browser that did not start the sign-in, then it is refused', async () => {
    const start = await fetch(`${app.url}/console/sign-in/oidc`, { redirect: 'manual' });
    const callbackUrl = idp.authorize(start.headers.get('location') as string, { oid: 'aad-mette' });
    const stolen = await fetch(callbackUrl, { redirect: 'manual' });
    expect(stolen.status).toBe(400);
  });
});
