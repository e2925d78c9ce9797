import type { Server } from 'restify';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import type { StaffAdmin } from '../../bot/people/staffAdmin.js';
import type { SettingsUpdates } from '../../bot/settings/settingsUpdates.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { registerSettingsPage } from './settingsPage.js';

/** The services behind the coordinators' pages: the same ones the JSON API uses. */
export interface CoordinatorConsoleServices {
  settings: SettingsUpdates;
  staff: StaffAdmin;
}

export interface CoordinatorPagesDeps {
  guard: ConsoleGuard;
  prisma: PrismaClient;
  services: CoordinatorConsoleServices;
  now: () => Date;
}

/** Registers the coordinators' pages: settings, staff, citizens, import, dashboard and audit log. */
export function registerCoordinatorPages(server: Server, deps: CoordinatorPagesDeps): void {
  registerSettingsPage(server, { guard: deps.guard, prisma: deps.prisma, updates: deps.services.settings, now: deps.now });
}
