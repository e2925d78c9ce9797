import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Request, Server } from 'restify';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import type { Logger } from '../../bot/logger.js';
import { consolePath, cookie, queryOf, readCookies, redirect, sendHtml } from '../http.js';
import { SignInPage, UnknownAccountPage } from '../pages/signInPage.js';
import type { ConsoleGuard } from './guard.js';
import { hashSecret, type StaffSessions } from './sessions.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The service's public address; the redirect URI is `<publicUrl>/console/sign-in/callback`. */
  publicUrl: string;
}

export interface OidcRoutesDeps {
  prisma: PrismaClient;
  guard: ConsoleGuard;
  sessions: StaffSessions;
  settings: OidcSettings;
  organisationId: string;
  organisationName: string;
  logger: Logger;
  now: () => Date;
}

const FLOW_COOKIE = 'ledsager_oidc';
/** A sign-in that takes longer than this at the identity provider starts over. */
const FLOW_MINUTES = 10;

/** Plain http is accepted only for an identity provider on this machine (development and tests). */
function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The claims we match staff by: the Entra object id, else the e-mail (or the sign-in name, which is usually it). */
export function staffClaims(claims: Record<string, unknown>): { oid?: string; email?: string } {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const oid = text(claims.oid);
  const email = (text(claims.email) ?? text(claims.preferred_username))?.toLowerCase();
  return { ...(oid ? { oid } : {}), ...(email && email.includes('@') ? { email } : {}) };
}

/**
 * Staff sign-in with Microsoft Entra ID (any OpenID Connect provider): authorization code with PKCE, state and nonce,
 * the ID token verified by openid-client (signature against the provider's keys, issuer, audience, expiry, nonce).
 */
export function registerOidcRoutes(server: Server, deps: OidcRoutesDeps): void {
  const { guard, settings, prisma } = deps;
  const log = deps.logger.child({ module: 'console-oidc' });
  const redirectUri = `${settings.publicUrl}/console/sign-in/callback`;
  let configuration: Promise<client.Configuration> | undefined;

  // Discovered on first use and kept; a failed discovery is tried again next time. The ID token's signature is
  // checked against the provider's published keys too (openid-client would otherwise rely on TLS alone).
  const config = () => {
    configuration ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: [client.enableNonRepudiationChecks, ...(isLoopbackHttp(settings.issuer) ? [client.allowInsecureRequests] : [])],
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  const flowCookie = (req: Request, value: string, maxAgeSeconds: number) =>
    cookie(FLOW_COOKIE, value, { secure: guard.isHttps(req), maxAgeSeconds });

  server.get('/console/sign-in/oidc', guard.public(async (req, res, page) => {
    let authorizationUrl: URL;
    const browserSecret = randomBytes(32).toString('base64url');
    try {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      authorizationUrl = client.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      const now = deps.now();
      await prisma.staffSignInFlow.create({
        data: {
          cookieHash: hashSecret(browserSecret),
          state,
          nonce,
          codeVerifier,
          returnTo: consolePath(queryOf(req).returnTo),
          createdAt: now,
          expiresAt: new Date(now.getTime() + FLOW_MINUTES * 60_000),
        },
      });
    } catch (error) {
      log.warn({ err: { type: error instanceof Error ? error.name : typeof error } }, 'identity provider unavailable');
      sendHtml(res, 502, String(SignInPage({ page, organisation: deps.organisationName, notice: 'failed' })));
      return;
    }
    redirect(res, authorizationUrl.href, { 'set-cookie': flowCookie(req, browserSecret, FLOW_MINUTES * 60) });
  }));

  server.get('/console/sign-in/callback', guard.public(async (req, res, page) => {
    const refuse = (status: number, reason: string) => {
      log.warn({ reason }, 'staff sign-in refused');
      sendHtml(res, status, String(SignInPage({ page, organisation: deps.organisationName, notice: 'failed' })), {
        'set-cookie': flowCookie(req, '', 0),
      });
    };
    const browserSecret = readCookies(req)[FLOW_COOKIE];
    // The flow is used up whatever happens next: a callback can be tried only once.
    const flow = browserSecret ? await prisma.staffSignInFlow.findUnique({ where: { cookieHash: hashSecret(browserSecret) } }) : null;
    if (flow) await prisma.staffSignInFlow.deleteMany({ where: { id: flow.id } });
    if (!flow || flow.expiresAt <= deps.now()) {
      refuse(400, 'no sign-in under way in this browser');
      return;
    }

    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(await config(), new URL(req.url ?? '/', settings.publicUrl), {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() ?? {};
    } catch (error) {
      // The library's error code says what failed (state, nonce, issuer, audience, signature); never the token.
      const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'unknown';
      refuse(400, `token not accepted: ${code}`);
      return;
    }

    const { oid, email } = staffClaims(claims);
    const staff =
      (oid ? await prisma.staff.findFirst({ where: { organisationId: deps.organisationId, aadObjectId: oid, deactivatedAt: null } }) : null) ??
      (email
        ? await prisma.staff.findFirst({ where: { organisationId: deps.organisationId, email: { equals: email, mode: 'insensitive' }, deactivatedAt: null } })
        : null);
    if (!staff) {
      log.warn('staff sign-in refused: unknown account');
      sendHtml(res, 403, String(UnknownAccountPage({ page })), { 'set-cookie': flowCookie(req, '', 0) });
      return;
    }
    // Matched by e-mail the first time: remember the object id, which survives a change of e-mail.
    if (oid && !staff.aadObjectId) await prisma.staff.update({ where: { id: staff.id }, data: { aadObjectId: oid } });

    const session = await deps.sessions.start(staff.id);
    res.setHeader('set-cookie', [guard.sessionCookie(req, session.token, session.maxAgeSeconds), flowCookie(req, '', 0)]);
    redirect(res, consolePath(flow.returnTo));
  }));
}
