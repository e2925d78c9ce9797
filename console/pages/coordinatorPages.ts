import type { Server } from 'restify';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import type { AnswerDashboardService } from '../../bot/admin/answerDashboard.js';
import type { AuditTrail } from '../../bot/admin/auditTrail.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import type { StaffAdmin } from '../../bot/people/staffAdmin.js';
import type { SettingsUpdates } from '../../bot/settings/settingsUpdates.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { registerAuditPage } from './auditPage.js';
import { registerDashboardPage } from './dashboardPage.js';
import { readOrganisationSettings } from '../../bot/settings/organisationSettings.js';
import { registerSettingsPage } from './settingsPage.js';
import { registerStaffPages } from './staffPages.js';
import { registerCoordinatorCitizenPages } from './coordinatorCitizens.js';
import { registerImportPage } from './importPage.js';
import type { CitizenAdmin } from '../../bot/people/citizenAdmin.js';

/** The services behind the coordinators' pages: the same ones the JSON API uses. */
export interface CoordinatorConsoleServices {
  settings: SettingsUpdates;
  staff: StaffAdmin;
  citizens: CitizenAdmin;
  dashboard: AnswerDashboardService;
  audit: AuditTrail;
}

export interface CoordinatorPagesDeps {
  guard: ConsoleGuard;
  prisma: PrismaClient;
  services: CoordinatorConsoleServices;
  organisationName: string;
  /** The service's public address for the letters' links; else the address the console was reached at. */
  publicUrl: string | undefined;
  now: () => Date;
}

/** Registers the coordinators' pages: settings, staff, citizens, import, dashboard and audit log. */
export function registerCoordinatorPages(server: Server, deps: CoordinatorPagesDeps): void {
  const { guard, prisma, services, now } = deps;
  registerSettingsPage(server, { guard, prisma, updates: services.settings, staff: services.staff, now });
  registerDashboardPage(server, { guard, prisma, dashboard: services.dashboard, now });
  registerAuditPage(server, { guard, prisma, trail: services.audit });
  // Days and deadlines are shown in the organisation's time zone (single organisation until a later issue needs more).
  const timeZone = async () => (await readOrganisationSettings(prisma, DEFAULT_ORGANISATION_ID)).businessHours.timeZone;
  registerStaffPages(server, { guard, staff: services.staff, timeZone });
  registerCoordinatorCitizenPages(server, { guard, citizens: services.citizens, staff: services.staff });
  registerImportPage(server, { guard, citizens: services.citizens, organisationName: deps.organisationName, publicUrl: deps.publicUrl, timeZone });
}
