import type { Server } from 'restify';
import type { AnswerDashboardService } from '../../bot/admin/answerDashboard.js';
import type { AuditTrail } from '../../bot/admin/auditTrail.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import type { StaffAdmin } from '../../bot/people/staffAdmin.js';
import type { SettingsUpdates } from '../../bot/settings/settingsUpdates.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { registerAuditPage } from './auditPage.js';
import { registerDashboardPage } from './dashboardPage.js';
import { registerSettingsPage } from './settingsPage.js';

/** The services behind the coordinators' pages: the same ones the JSON API uses. */
export interface CoordinatorConsoleServices {
  settings: SettingsUpdates;
  staff: StaffAdmin;
  dashboard: AnswerDashboardService;
  audit: AuditTrail;
}

export interface CoordinatorPagesDeps {
  guard: ConsoleGuard;
  prisma: PrismaClient;
  services: CoordinatorConsoleServices;
  now: () => Date;
}

/** Registers the coordinators' pages: settings, staff, citizens, import, dashboard and audit log. */
export function registerCoordinatorPages(server: Server, deps: CoordinatorPagesDeps): void {
  const { guard, prisma, services, now } = deps;
  registerSettingsPage(server, { guard, prisma, updates: services.settings, now });
  registerDashboardPage(server, { guard, prisma, dashboard: services.dashboard, now });
  registerAuditPage(server, { guard, prisma, trail: services.audit });
}
