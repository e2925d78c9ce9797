import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConversationState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { CitizenServices } from '../dialogs/services.js';
import { createAdapter } from './adapter.js';
import { AlertService } from './alerts/alertService.js';
import { PrismaBarrierStore } from './citizens/barrierStore.js';
import { PrismaGoalStore } from './citizens/goalStore.js';
import { PrismaProfileStore } from './citizens/profileStore.js';
import { registerStaffRoutes } from './admin/staffRoutes.js';
import { DEFAULT_ORGANISATION_ID, StaffAuthenticator } from './admin/staffAuth.js';
import { CompanionBot } from './companionBot.js';
import { type AppConfig, isLocalMode } from './config.js';
import { BotStateStorage } from './data/botStateStorage.js';
import { type Database, openDatabase } from './data/database.js';
import { isMigrated, migrate, readMigrations } from './data/migrator.js';
import { InProcessTurnSerializer, PostgresTurnSerializer, type TurnSerializer } from './data/turnSerializer.js';
import { createHttpServer } from './http/server.js';
import type { Logger } from './logger.js';
import { EnrollmentService } from './people/enrollmentService.js';
import { PeopleDirectory } from './people/peopleDirectory.js';

/** The one conversation-state property holding the dialog stack. */
export const DIALOG_STATE_PROPERTY = 'dialogState';

export interface RunningApp {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  db: Database;
  stop(): Promise<void>;
}

/** The folder holding package.json and prisma/, from source (bot/) or from the build (dist/bot/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'prisma', 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('prisma/migrations not found above the application');
    dir = parent;
  }
  return dir;
}

/** Composition root: database → migrations → state → adapter → bot → HTTP. */
export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  if (isLocalMode(config)) {
    logger.warn('MicrosoftAppId is not set: local mode, inbound activities are NOT authenticated (for the Emulator and local web chat only)');
  }
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  const migrations = await readMigrations(join(projectRoot(), 'prisma', 'migrations'));
  const applied = await migrate(db.pool, migrations);
  logger.info({ mode: db.mode, applied }, 'database ready');
  await db.prisma.organisation.updateMany({
    where: { id: DEFAULT_ORGANISATION_ID, NOT: { name: config.ORGANISATION_NAME } },
    data: { name: config.ORGANISATION_NAME },
  });

  const storage = new BotStateStorage(db.pool);
  const serializer: TurnSerializer =
    db.mode === 'postgres' ? new PostgresTurnSerializer(db.url, config.DATABASE_POOL_SIZE) : new InProcessTurnSerializer();
  const enrollment = new EnrollmentService(db.prisma, config.ENROLLMENT_CODE_TTL_DAYS);
  const conversationState = new ConversationState(storage);
  const services: CitizenServices = {
    profiles: new PrismaProfileStore(db.prisma),
    goals: new PrismaGoalStore(db.prisma),
    barriers: new PrismaBarrierStore(db.prisma),
    alerts: new AlertService(db.prisma, logger.child({ module: 'alerts' })),
    now: () => new Date(),
  };
  const bot = new CompanionBot({
    people: new PeopleDirectory(db.prisma),
    enrollment,
    dialogState: conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY),
    states: [conversationState],
    mainDialog: new MainDialog(services),
    logger: logger.child({ module: 'bot' }),
  });

  const server = createHttpServer({
    adapter: createAdapter(config, logger),
    bot,
    serializer,
    isReady: async () => isMigrated(db.pool, migrations),
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
  });
  registerStaffRoutes(server, {
    prisma: db.prisma,
    goals: services.goals,
    barriers: services.barriers,
    auth: new StaffAuthenticator(db.prisma, config.ADMIN_TOKEN),
    enrollment,
    logger: logger.child({ module: 'staff-api' }),
  });

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  logger.info({ port }, 'listening');

  return {
    url: `http://${host}:${port}`,
    db,
    async stop() {
      // Stop taking requests, let turns in flight finish, then close the database: nothing half-written.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      await serializer.close();
      await closed;
      await db.close();
    },
  };
}
