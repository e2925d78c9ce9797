import type { Server } from 'restify';
import { z } from 'zod';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import { cookie, consolePath, queryOf, redirect, sendHtml } from '../http.js';
import { SignInPage } from '../pages/signInPage.js';
import { type ConsoleGuard, LANGUAGE_COOKIE } from './guard.js';
import type { StaffSessions } from './sessions.js';

export interface SignInRoutesDeps {
  prisma: PrismaClient;
  guard: ConsoleGuard;
  sessions: StaffSessions;
  organisationName: string;
  /** Set when staff sign in with OpenID Connect; the sign-in page then offers the work-account button. */
  oidcEnabled: boolean;
}

const signInQuery = z.object({
  returnTo: z.string().optional(),
  notice: z.enum(['linkUsed', 'failed', 'signedOut', 'expired']).optional().catch(undefined),
});

/** The first coordinator of an organisation; created on a fresh installation so someone can sign in at all. */
export async function ensureCoordinator(prisma: PrismaClient, organisationId: string): Promise<{ id: string }> {
  const existing = await prisma.staff.findFirst({ where: { organisationId, role: 'COORDINATOR', deactivatedAt: null }, orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  return prisma.staff.create({ data: { organisationId, name: 'Koordinator', email: 'koordinator@ledsager.local', role: 'COORDINATOR' } });
}

/** Sign-in page, one-time links, sign-out and the language switch. */
export function registerSignInRoutes(server: Server, deps: SignInRoutesDeps): void {
  const { guard, sessions } = deps;

  server.get('/console/sign-in', guard.public(async (req, res, page) => {
    const query = signInQuery.parse(queryOf(req));
    const returnTo = consolePath(query.returnTo);
    const oidcHref = deps.oidcEnabled ? `/console/sign-in/oidc?${new URLSearchParams({ returnTo }).toString()}` : undefined;
    sendHtml(res, 200, String(SignInPage({ page, organisation: deps.organisationName, oidcHref, notice: query.notice })));
  }));

  // The link printed at start (local mode). It is used up on the first visit.
  server.get('/console/sign-in/link', guard.public(async (req, res, page) => {
    const token = queryOf(req).token ?? '';
    const staffId = token ? await sessions.redeemSignInLink(token) : undefined;
    if (!staffId) {
      sendHtml(res, 400, String(SignInPage({ page, organisation: deps.organisationName, notice: 'linkUsed' })));
      return;
    }
    const session = await sessions.start(staffId);
    redirect(res, '/console', { 'set-cookie': guard.sessionCookie(req, session.token, session.maxAgeSeconds) });
  }));

  server.post('/console/sign-out', guard.requireStaff()(async (req, res, ctx) => {
    await sessions.end(ctx.session.id);
    redirect(res, '/console/sign-in?notice=signedOut', { 'set-cookie': guard.clearSessionCookie(req) });
  }));

  // A preference, not a state change on the server: a GET that sets a cookie and goes back.
  server.get('/console/language', guard.public(async (req, res) => {
    const query = queryOf(req);
    const to = query.to === 'en' ? 'en' : 'da';
    redirect(res, consolePath(query.back), {
      'set-cookie': cookie(LANGUAGE_COOKIE, to, { secure: guard.isHttps(req), maxAgeSeconds: 365 * 24 * 3600, httpOnly: false }),
    });
  }));
}
