import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { CitizenServices } from '../dialogs/services.js';
import { createAdapter } from './adapter.js';
import { DEFAULT_CHANGE_SEVERITY } from '../domain/urgentChanges.js';
import { type RegisteredConsole, registerConsole } from '../console/index.js';
import { registerAlertRoutes } from './admin/alertRoutes.js';
import { registerProgressRoutes } from './admin/progressRoutes.js';
import { registerSettingsRoutes } from './admin/settingsRoutes.js';
import { AlertActions } from './alerts/alertActions.js';
import { AlertDelivery } from './alerts/alertDelivery.js';
import { AlertService } from './alerts/alertService.js';
import { CardUpdates } from './alerts/cardUpdates.js';
import { EscalationWatchdog } from './alerts/escalationWatchdog.js';
import { FailedReplies } from './alerts/failedReplies.js';
import { Outbox } from './alerts/outbox.js';
import { smtpMailer } from './alerts/smtpMailer.js';
import { StaffChat } from './alerts/staffChat.js';
import { ConversationThreads } from './alerts/threads.js';
import { UndeliveredAlerts } from './alerts/undeliveredAlerts.js';
import type { CrisisMemory } from '../domain/crisis/accumulation.js';
import { CrisisResponder } from './crisis/crisisResponder.js';
import { ProactiveMessenger } from './messaging/proactiveMessenger.js';
import { startTicker } from './scheduling/ticker.js';
import { TeamsStaffRecognizer } from './teams/teamsStaffRecognizer.js';
import { registerAzureTokenRoute } from './webchat/azureDirectLine.js';
import { DirectLineTokens } from './webchat/directLineTokens.js';
import { registerDirectLineRoutes } from './webchat/directLineRoutes.js';
import { registerWebchatPage } from './webchat/webchatPage.js';
import { webchatSecret } from './webchat/webchatSecret.js';
import { deleteUnusedConversations, webchatLimits } from './webchat/webchatHousekeeping.js';
import { readOrganisationSettings } from './settings/organisationSettings.js';
import { SettingsUpdates } from './settings/settingsUpdates.js';
import { PrismaBarrierStore } from './citizens/barrierStore.js';
import { PrismaCheckInStore } from './citizens/checkInStore.js';
import { PrismaGoalStore } from './citizens/goalStore.js';
import { ProgressService } from './progress/progressService.js';
import { AccessLog } from './privacy/accessLog.js';
import { ChatPrivacy } from './privacy/citizenPrivacy.js';
import { DataExports } from './privacy/dataExport.js';
import { DataRequests } from './privacy/dataRequests.js';
import { RetentionJob } from './privacy/retentionJob.js';
import { registerPrivacyRoutes } from './privacy/privacyRoutes.js';
import { citizenFor } from './admin/citizenAccess.js';
import { registerScheduleRoutes } from './admin/scheduleRoutes.js';
import { CaseloadService } from './admin/caseloadService.js';
import { CitizenActions } from './admin/citizenActions.js';
import { CitizenRecordService } from './admin/citizenRecord.js';
import { Pacer } from './reminders/pacer.js';
import { CitizenReminders } from './reminders/citizenReminders.js';
import { ReminderService } from './reminders/reminderService.js';
import { PrismaProfileStore } from './citizens/profileStore.js';
import { registerStaffRoutes } from './admin/staffRoutes.js';
import { registerPeopleRoutes } from './admin/peopleRoutes.js';
import { AnswerDashboardService } from './admin/answerDashboard.js';
import { AuditTrail } from './admin/auditTrail.js';
import { StaffAdmin } from './people/staffAdmin.js';
import { CitizenAdmin } from './people/citizenAdmin.js';
import { DEFAULT_ORGANISATION_ID, StaffAuthenticator } from './admin/staffAuth.js';
import { CompanionBot } from './companionBot.js';
import { allowedServiceHosts, type AppConfig, isLocalMode } from './config.js';
import { BotStateStorage } from './data/botStateStorage.js';
import { ConversationMemory } from './data/conversationMemory.js';
import { type Database, openDatabase } from './data/database.js';
import { dataCipher } from './data/dataKeys.js';
import { isMigrated, migrate, readMigrations } from './data/migrator.js';
import { EmbeddedTurnSerializer, PostgresTurnSerializer, type TurnSerializer } from './data/turnSerializer.js';
import { deleteExpiredLimits, limitPerAddress } from './http/abuseLimits.js';
import { HttpDrain, settlesWithin } from './http/drain.js';
import { createHttpServer } from './http/server.js';
import { registerMetricsRoute } from './metrics/metricsRoute.js';
import { readOperationalFigures } from './metrics/operationalFigures.js';
import { ServiceMetrics } from './metrics/serviceMetrics.js';
import type { Logger } from './logger.js';
import { EnrollmentService, enrollmentLimits } from './people/enrollmentService.js';
import { PeopleDirectory } from './people/peopleDirectory.js';

/** Hourly: unused web-chat conversations and spent abuse-limit counters are deleted. */
const HOUSEKEEPING_CRON = '17 * * * *';

/** The one conversation-state property holding the dialog stack. */
export const DIALOG_STATE_PROPERTY = 'dialogState';
/** Risk carried across turns, and the crisis follow-up's own dialog stack (the main dialog waits meanwhile). */
export const CRISIS_MEMORY_PROPERTY = 'crisisMemory';
export const CRISIS_DIALOG_STATE_PROPERTY = 'crisisDialogState';

export interface RunningApp {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  /** Where people find the service: PUBLIC_URL when set, else the listening address. */
  publicUrl: string;
  /** The staff console; the entry point asks it for the sign-in link it prints. */
  staffConsole: RegisteredConsole;
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
export async function startApp(config: AppConfig, logger: Logger, clock: () => Date = () => new Date()): Promise<RunningApp> {
  if (isLocalMode(config)) {
    logger.warn('MicrosoftAppId is not set: local mode, inbound activities are NOT authenticated (for the Emulator and local web chat only)');
  }
  const metrics = new ServiceMetrics();
  const cipher = await dataCipher(config, logger);
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, cipher, onQuery: () => metrics.queryCounted() });
  metrics.readBacklogsWith(() => readOperationalFigures(db.pool));
  const migrations = await readMigrations(join(projectRoot(), 'prisma', 'migrations'));
  const applied = await migrate(db.pool, migrations);
  logger.info({ mode: db.mode, applied }, 'database ready');
  await db.prisma.organisation.updateMany({
    where: { id: DEFAULT_ORGANISATION_ID, NOT: { name: config.ORGANISATION_NAME } },
    data: { name: config.ORGANISATION_NAME },
  });

  const storage = new BotStateStorage(db.pool, db.cipher);
  const people = new PeopleDirectory(db.prisma, db.pool);
  // A turn reads who is writing and the conversation's state in its first round trip (on PostgreSQL, with its lock).
  const readsAhead = [storage.readAhead, people.readAhead];
  const serializer: TurnSerializer =
    db.mode === 'postgres'
      ? new PostgresTurnSerializer(db.url, config.DATABASE_POOL_SIZE, readsAhead, () => metrics.queryCounted())
      : new EmbeddedTurnSerializer(db.pool, readsAhead);
  const adapter = createAdapter(config, logger);
  // Abuse limits count in the database, so they hold across instances (and across restarts).
  const limitStore = { pool: db.pool };
  const enrollment = new EnrollmentService(db.prisma, config.ENROLLMENT_CODE_TTL_DAYS, () => new Date(), enrollmentLimits(limitStore));

  // Alerts: delivery through a durable outbox, escalation on a tick, staff actions from API and chat.
  const messenger = new ProactiveMessenger(adapter.auth, config.MicrosoftAppId ?? '', allowedServiceHosts(config), (outcome) => metrics.proactiveSend(outcome));
  const delivery = new AlertDelivery(
    db.prisma,
    messenger,
    config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.ALERT_EMAIL_FROM) : undefined,
    config.ALERT_WEBHOOK_URL && config.ALERT_WEBHOOK_SECRET ? { url: config.ALERT_WEBHOOK_URL, secret: config.ALERT_WEBHOOK_SECRET } : undefined,
    () => new Date(),
    // Cards link to the console: at PUBLIC_URL, else at the address the server listens on (set below).
    () => config.PUBLIC_URL ?? (selfUrl || undefined),
  );
  const failedReplies = new FailedReplies(db.prisma, messenger, logger.child({ module: 'failed-replies' }));
  const outbox: Outbox = new Outbox(
    db.prisma,
    delivery.handlers(),
    async (message) => {
      await outbox.enqueue(await delivery.fallback(message));
      void outbox.kick();
      await failedReplies.report(message);
    },
    logger.child({ module: 'outbox' }),
  );
  const alerts = new AlertService(db.prisma, outbox, delivery, logger.child({ module: 'alerts' }), clock);
  const cardUpdates = new CardUpdates(db.prisma, messenger, delivery, logger.child({ module: 'alert-cards' }));
  const alertActions = new AlertActions(db.prisma, outbox, () => new Date(), (alertId) => cardUpdates.refresh(alertId));
  const undeliveredAlerts = new UndeliveredAlerts(db.prisma, outbox);
  const watchdog = new EscalationWatchdog(db.prisma, outbox, delivery, logger.child({ module: 'escalation' }), clock, (alertId) =>
    cardUpdates.refresh(alertId),
  );
  const conversationState = new ConversationMemory(storage);
  const crisis = new CrisisResponder({
    findPerson: (context) => people.find(context.activity.channelId, context.activity.from.id),
    caseworkerName: async (citizenId) =>
      (await db.prisma.citizen.findUnique({ where: { id: citizenId }, select: { caseworker: { select: { name: true } } } }))?.caseworker.name,
    alerts,
    memory: conversationState.createProperty<CrisisMemory>(CRISIS_MEMORY_PROPERTY),
    dialogState: conversationState.createProperty<DialogState>(CRISIS_DIALOG_STATE_PROPERTY),
    logger: logger.child({ module: 'crisis' }),
    now: clock,
  });
  crisis.useContacts((await readOrganisationSettings(db.prisma, DEFAULT_ORGANISATION_ID)).crisisContacts);

  const progress = new ProgressService(db.prisma, alerts);
  const citizenReminders = new CitizenReminders(db.prisma, db.pool);
  const reminders = new ReminderService(
    db.prisma,
    messenger,
    alerts,
    new Pacer(config.REMINDER_SENDS_PER_SECOND),
    clock,
    Math.random,
    (count) => metrics.remindersDelivered(count),
  );
  const threads = new ConversationThreads(db.prisma, outbox, alertActions, config.THREAD_QUIET_HOURS * 3_600_000);
  // Data rights: who read what, the citizen's data to see and take along, requests for erasure and restriction.
  const accessLog = new AccessLog(db.prisma);
  const dataExports = new DataExports(db.prisma, accessLog, config.EXPORT_LINK_MINUTES);
  const dataRequests = new DataRequests(db.prisma, alerts);
  const services: CitizenServices = {
    profiles: new PrismaProfileStore(db.prisma, db.pool),
    goals: new PrismaGoalStore(db.prisma),
    barriers: new PrismaBarrierStore(db.prisma),
    alerts,
    threads,
    checkIns: new PrismaCheckInStore(db.prisma, db.pool),
    progress,
    reminders: citizenReminders,
    privacy: new ChatPrivacy(dataExports, dataRequests, () => config.PUBLIC_URL ?? selfUrl, config.RETENTION_ENDED_CITIZEN_MONTHS),
    severityOf: async (citizenId, kind) => {
      const { organisationId } = await db.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
      return (await readOrganisationSettings(db.prisma, organisationId)).changeSeverity[kind] ?? DEFAULT_CHANGE_SEVERITY[kind];
    },
    now: () => new Date(),
  };
  const bot = new CompanionBot({
    people,
    enrollment,
    crisis,
    staffChat: new StaffChat(alertActions),
    teamsStaff: new TeamsStaffRecognizer(db.prisma),
    dialogState: conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY),
    states: [conversationState],
    mainDialog: new MainDialog(services),
    onCitizenActivity: (citizenId) => citizenReminders.noteActivity(citizenId),
    onStaffLinked: async (staffId) => {
      await undeliveredAlerts.deliverTo(staffId);
    },
    logger: logger.child({ module: 'bot' }),
  });

  const server = createHttpServer({
    adapter,
    bot,
    serializer,
    isReady: async () => isMigrated(db.pool, migrations),
    maxBodyBytes: config.MAX_BODY_BYTES,
    turnMetrics: metrics,
    logger,
  });
  const drain = new HttpDrain(server);
  const auth = new StaffAuthenticator(db.prisma, config.ADMIN_TOKEN);
  registerStaffRoutes(server, {
    prisma: db.prisma,
    goals: services.goals,
    barriers: services.barriers,
    progress,
    auth,
    enrollment,
    accessLog,
    logger: logger.child({ module: 'staff-api' }),
  });
  const citizenActions = new CitizenActions(db.prisma, enrollment, threads);
  registerProgressRoutes(server, { prisma: db.prisma, auth, progress, actions: citizenActions, accessLog, logger: logger.child({ module: 'progress-api' }) });
  registerScheduleRoutes(server, { prisma: db.prisma, auth, logger: logger.child({ module: 'schedule-api' }) });
  const staffAdmin = new StaffAdmin(db.prisma, outbox, delivery, enrollment);
  const citizenAdmin = new CitizenAdmin(db.prisma, outbox, enrollment);
  registerPeopleRoutes(server, { auth, staff: staffAdmin, citizens: citizenAdmin, logger: logger.child({ module: 'people-api' }) });
  registerAlertRoutes(server, { prisma: db.prisma, auth, actions: alertActions, accessLog, logger: logger.child({ module: 'alert-api' }) });
  const settingsUpdates = new SettingsUpdates(db.prisma, (settings) => crisis.useContacts(settings.crisisContacts));
  registerPrivacyRoutes(server, { prisma: db.prisma, auth, exports: dataExports, requests: dataRequests, accessLog, logger: logger.child({ module: 'privacy' }) });
  registerSettingsRoutes(server, { prisma: db.prisma, auth, logger: logger.child({ module: 'settings-api' }), updates: settingsUpdates });
  registerMetricsRoute(server, { metrics, token: config.METRICS_TOKEN, localMode: isLocalMode(config) });

  const staffConsole = registerConsole(server, {
    citizens: {
      caseload: new CaseloadService(db.prisma, progress),
      records: new CitizenRecordService(db.prisma, progress, services.goals, services.barriers, accessLog),
      actions: citizenActions,
    },
    prisma: db.prisma,
    privacy: {
      requests: dataRequests,
      accessLog,
      exports: dataExports,
      citizenFor: (principal, citizenId) => citizenFor(db.prisma, principal, citizenId),
      timeZoneOf: async (organisationId) => (await readOrganisationSettings(db.prisma, organisationId)).businessHours.timeZone,
    },
    config,
    alertActions,
    coordinator: { settings: settingsUpdates, staff: staffAdmin, citizens: citizenAdmin, dashboard: new AnswerDashboardService(db.prisma), audit: new AuditTrail(db.prisma) },
    projectRoot: projectRoot(),
    logger,
  });

  // Web chat: through Azure's Direct Line when a secret is configured; otherwise, in local mode only, the
  // embedded Direct Line (it feeds /api/messages as an unauthenticated channel, as the Emulator does).
  let selfUrl = '';
  const page = {
    projectRoot: projectRoot(),
    organisationName: config.ORGANISATION_NAME,
    accent: config.WEBCHAT_ACCENT,
    logoUrl: config.WEBCHAT_LOGO_URL,
    tokenUrl: '/api/webchat/token',
  };
  const webchat = webchatLimits(limitStore);
  if (config.DIRECT_LINE_SECRET) {
    registerAzureTokenRoute(server, {
      secret: config.DIRECT_LINE_SECRET,
      endpoint: config.DIRECT_LINE_ENDPOINT,
      limit: limitPerAddress(webchat.tokens, config.TRUSTED_PROXY_HOPS),
      logger,
    });
    registerWebchatPage(server, { ...page, directLineDomain: config.DIRECT_LINE_ENDPOINT });
  } else if (isLocalMode(config)) {
    const secret = await webchatSecret(db.pool);
    registerDirectLineRoutes(server, {
      prisma: db.prisma,
      tokens: new DirectLineTokens(secret),
      selfUrl: () => selfUrl,
      callbackKey: createHash('sha256').update(`callback:${secret}`).digest('hex').slice(0, 32),
      limits: webchat,
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
      logger: logger.child({ module: 'direct-line' }),
    });
    registerWebchatPage(server, { ...page, directLineDomain: '/v3/directline' });
  }

  const retention = new RetentionJob(
    db.prisma,
    {
      chatMonths: config.RETENTION_CHAT_MONTHS,
      alertTextMonths: config.RETENTION_ALERT_TEXT_MONTHS,
      endedCitizenMonths: config.RETENTION_ENDED_CITIZEN_MONTHS,
      reminderMonths: config.RETENTION_REMINDER_MONTHS,
      accessLogMonths: config.RETENTION_ACCESS_LOG_MONTHS,
      outboxDays: config.RETENTION_OUTBOX_DAYS,
    },
    () => new Date(),
    logger.child({ module: 'retention' }),
  );
  const retentionTicker = startTicker(config.RETENTION_CRON, 'retention', () => retention.run(), logger);
  const reminderTicker = startTicker(config.SCHEDULER_CRON, 'reminders', () => reminders.tick(), logger);
  const alertTicker = startTicker(
    config.ALERT_TICK_CRON,
    'alerts',
    async () => {
      await watchdog.tick();
      await outbox.kick();
    },
    logger,
  );
  const housekeepingTicker = startTicker(
    HOUSEKEEPING_CRON,
    'housekeeping',
    async () => {
      await deleteUnusedConversations(db.prisma, new Date());
      await deleteExpiredLimits(db.pool, new Date());
    },
    logger,
  );

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  selfUrl = `http://${host}:${port}`;
  logger.info({ port }, 'listening');
  const publicUrl = config.PUBLIC_URL ?? selfUrl;

  return {
    url: `http://${host}:${port}`,
    publicUrl,
    staffConsole,
    db,
    async stop() {
      // Drain, each step within what is left of SHUTDOWN_TIMEOUT_MS: answer every request already received
      // (new ones get 503 + Retry-After), let queued turns finish, stop the schedulers, and only then close the pools.
      // The last fifth (at most a second) is kept for closing the pools.
      const end = Date.now() + config.SHUTDOWN_TIMEOUT_MS;
      const deadline = end - Math.min(1000, config.SHUTDOWN_TIMEOUT_MS / 5);
      const left = (until = deadline) => Math.max(0, until - Date.now());
      const { cut } = await drain.drain(left());
      const turnsDone = await settlesWithin(serializer.idle(), left());
      const schedulersDone = await settlesWithin(Promise.all([reminderTicker.stop(), alertTicker.stop(), retentionTicker.stop(), housekeepingTicker.stop(), outbox.idle()]), left());
      await settlesWithin(Promise.all([serializer.close(), db.close()]), left(end));
      logger.info({ cut, turnsDone, schedulersDone }, 'stopped');
    },
  };
}
