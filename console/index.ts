import type { Server } from 'restify';
import type { CaseloadService } from '../bot/admin/caseloadService.js';
import type { CitizenActions } from '../bot/admin/citizenActions.js';
import type { CitizenRecordService } from '../bot/admin/citizenRecord.js';
import type { AlertActions } from '../bot/alerts/alertActions.js';
import { AlertInbox } from '../bot/alerts/alertInbox.js';
import { DEFAULT_ORGANISATION_ID } from '../bot/admin/staffAuth.js';
import { type AppConfig, isLocalMode, staffOidcOf } from '../bot/config.js';
import type { PrismaClient } from '../bot/data/generated/client.js';
import type { Logger } from '../bot/logger.js';
import { registerConsoleAssets } from './assets.js';
import { ConsoleGuard } from './auth/guard.js';
import { registerOidcRoutes } from './auth/oidc.js';
import { StaffSessions } from './auth/sessions.js';
import { ensureCoordinator, registerSignInRoutes } from './auth/signInRoutes.js';
import { registerCaseloadPage } from './pages/caseload.js';
import { registerCitizenPage } from './pages/citizen.js';
import { registerInboxPage } from './pages/inbox.js';
import { registerAccessLogPage } from './pages/accessLog.js';
import { registerErasureRequestsPage } from './pages/erasureRequests.js';
import { registerCitizenDataRightsPage } from './pages/erasureRequestsCitizen.js';
import type { PrivacyConsoleServices } from './pages/privacyServices.js';
import { registerCoordinatorPages, type CoordinatorConsoleServices } from './pages/coordinatorPages.js';

/** The services behind the caseload and the citizen pages. */
export interface CitizenConsoleServices {
  caseload: CaseloadService;
  records: CitizenRecordService;
  actions: CitizenActions;
}

export interface ConsoleDeps {
  prisma: PrismaClient;
  config: AppConfig;
  alertActions: AlertActions;
  citizens: CitizenConsoleServices;
  /** The services behind the coordinators' pages (settings, staff, citizens, dashboard, audit). */
  coordinator: CoordinatorConsoleServices;
  projectRoot: string;
  logger: Logger;
  /** Data protection: access log, erasure and restriction requests, exports on request. */
  privacy: PrivacyConsoleServices;
  now?: () => Date;
}

/** What the composition root needs back: how to print the way in. */
export interface RegisteredConsole {
  /** Local mode without OIDC: a fresh one-time sign-in link for the first coordinator (created when none exists). */
  startupSignInLink(baseUrl: string): Promise<string | undefined>;
  /** A one-time sign-in link for one staff member (local use and tests; valid for an hour). */
  signInLinkFor(staffId: string, baseUrl: string): Promise<string>;
}

/** The staff console: assets, sign-in, pages. One call from the composition root. */
export function registerConsole(server: Server, deps: ConsoleDeps): RegisteredConsole {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ module: 'console' });
  const sessions = new StaffSessions(
    deps.prisma,
    { idleMinutes: deps.config.STAFF_SESSION_IDLE_MINUTES, maxHours: deps.config.STAFF_SESSION_MAX_HOURS },
    now,
  );
  const guard = new ConsoleGuard(sessions, deps.config.PUBLIC_URL, log);
  const oidc = staffOidcOf(deps.config);

  registerConsoleAssets(server, deps.projectRoot);
  registerSignInRoutes(server, { prisma: deps.prisma, guard, sessions, organisationName: deps.config.ORGANISATION_NAME, oidcEnabled: oidc !== undefined });
  if (oidc) {
    registerOidcRoutes(server, {
      prisma: deps.prisma,
      guard,
      sessions,
      settings: oidc,
      organisationId: DEFAULT_ORGANISATION_ID,
      organisationName: deps.config.ORGANISATION_NAME,
      logger: log,
      now,
    });
  }

  registerInboxPage(server, { guard, inbox: new AlertInbox(deps.prisma), actions: deps.alertActions, now });
  registerCaseloadPage(server, { guard, caseload: deps.citizens.caseload, now });
  registerCitizenPage(server, {
    guard,
    records: deps.citizens.records,
    actions: deps.citizens.actions,
    organisationName: deps.config.ORGANISATION_NAME,
    publicUrl: deps.config.PUBLIC_URL,
    now,
  });
  registerCoordinatorPages(server, {
    guard,
    prisma: deps.prisma,
    services: deps.coordinator,
    organisationName: deps.config.ORGANISATION_NAME,
    publicUrl: deps.config.PUBLIC_URL,
    now,
  });

  registerErasureRequestsPage(server, { guard, privacy: deps.privacy });
  registerAccessLogPage(server, { guard, privacy: deps.privacy });
  registerCitizenDataRightsPage(server, { guard, privacy: deps.privacy });

  // Anything else under /console is a page that does not exist: say so as a page (after sign-in), not as JSON.
  server.get('/console/*', guard.requireStaff()(async (_req, res, ctx) => guard.renderError(res, ctx.page, 'notFound')));

  const signInLinkFor = async (staffId: string, baseUrl: string) =>
    `${baseUrl}/console/sign-in/link?token=${await sessions.issueSignInLink(staffId)}`;
  return {
    async startupSignInLink(baseUrl) {
      if (oidc || !isLocalMode(deps.config)) return undefined;
      const coordinator = await ensureCoordinator(deps.prisma, DEFAULT_ORGANISATION_ID);
      return signInLinkFor(coordinator.id, baseUrl);
    },
    signInLinkFor,
  };
}
