import cron from 'node-cron';
import { z } from 'zod';
import { BOT_FRAMEWORK_HOSTS, LOOPBACK_HOSTS } from '../domain/serviceUrls.js';
import { parseDataKeys } from './data/dataKeys.js';

const cronExpression = z.string().trim().refine((value) => cron.validate(value), 'must be a cron expression (5 fields, or 6 with seconds)');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const hostList = optionalText.transform((value) => value?.split(',').map((host) => host.trim()).filter(Boolean));

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    /**
     * botbuilder's own endpoint settings, for sovereign clouds (and a local identity stand-in in tests);
     * unset = the public cloud. Names as in botbuilder's ConfigurationBotFrameworkAuthentication.
     */
    ToBotFromChannelOpenIdMetadataUrl: optionalText.pipe(z.string().url('must be a URL').optional()),
    ToBotFromChannelTokenIssuer: optionalText,
    ToBotFromEmulatorOpenIdMetadataUrl: optionalText.pipe(z.string().url('must be a URL').optional()),
    ToChannelFromBotLoginUrl: optionalText.pipe(z.string().url('must be a URL').optional()),
    ToChannelFromBotOAuthScope: optionalText,
    OAuthUrl: optionalText.pipe(z.string().url('must be a URL').optional()),
    CallerId: optionalText,
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgresql://')
        .optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    /** Keys that seal citizens' words at rest: `id:base64,older-id:base64`, the first seals. Unset outside production: a key file in DATA_DIR. */
    DATA_KEYS: optionalText.superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseDataKeys(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
    ADMIN_TOKEN: optionalText.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
    ORGANISATION_NAME: z.string().trim().min(1).default('Jobcenter'),
    ENROLLMENT_CODE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(262_144),
    /** On SIGTERM, the longest the service takes to drain requests, turns and schedulers before it exits anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Proxies in front of the service that append to X-Forwarded-For; 0 = use the socket's address (per-address limits). */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** The reminder dispatcher's tick; what is due always comes from the database. Seconds allowed (6 fields). */
    SCHEDULER_CRON: cronExpression.default('* * * * *'),
    /** Reminder sends per second from one instance (Teams allows 50 requests/s per app per tenant). */
    REMINDER_SENDS_PER_SECOND: z.coerce.number().min(1).max(50).default(20),
    /** Hours a conversation with the caseworker stays open without a message; the citizen's next words go to the same alert meanwhile. */
    THREAD_QUIET_HOURS: z.coerce.number().min(1).max(720).default(72),
    /** How long a citizen's "Hent mine data" link works (it works once). */
    EXPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** When the retention job deletes what has expired (docs/privacy.md, "Retention"); nightly by default. */
    RETENTION_CRON: cronExpression.default('17 3 * * *'),
    /** Retention per kind of data; the defaults and their reasons are in docs/privacy.md. */
    RETENTION_CHAT_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
    RETENTION_ALERT_TEXT_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    RETENTION_ENDED_CITIZEN_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    RETENTION_REMINDER_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
    RETENTION_ACCESS_LOG_MONTHS: z.coerce.number().int().min(6).max(120).default(24),
    RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** The web chat page: the municipality's colour (needs 4.5:1 contrast with white text) and logo. */
    WEBCHAT_ACCENT: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1b6e3a').default('#1b6e3a'),
    WEBCHAT_LOGO_URL: optionalText.pipe(z.string().url('must be a URL').optional()),
    /** Azure Bot Service web chat: the Direct Line secret (never sent to browsers). Unset: the embedded Direct Line (local mode). */
    DIRECT_LINE_SECRET: optionalText,
    DIRECT_LINE_ENDPOINT: z.string().url().default('https://directline.botframework.com/v3/directline'),
    /** Escalation watchdog and delivery retries; seconds allowed (6 fields). */
    ALERT_TICK_CRON: cronExpression.default('*/10 * * * * *'),
    SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
    // Any name@host: a municipality's internal relay may well accept a host without a dot (ledsager@localhost).
    ALERT_EMAIL_FROM: z.string().trim().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address').default('ledsager@localhost'),
    ALERT_WEBHOOK_URL: optionalText.pipe(z.string().url('must be a URL').optional()),
    ALERT_WEBHOOK_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    /** Hosts the bot's token may be sent to; default: Bot Framework channel hosts (plus loopback in local mode). */
    ALLOWED_SERVICE_URL_HOSTS: hostList,
    /** The service's public address (https in production): console links in cards, the OIDC redirect, printed links. */
    PUBLIC_URL: optionalText.pipe(z.string().url('must be a URL').optional()),
    /** Staff console sign-in with Microsoft Entra ID (OpenID Connect); all three or none. None: local sign-in links. */
    STAFF_OIDC_ISSUER: optionalText.pipe(z.string().url('must be a URL').optional()),
    STAFF_OIDC_CLIENT_ID: optionalText,
    STAFF_OIDC_CLIENT_SECRET: optionalText,
    /** Console sessions end after this long without use, and after the absolute limit however active. */
    STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
    STAFF_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
    /** Bearer token a Prometheus scraper presents at /metrics. Unset: /metrics answers this machine in local mode, nobody in production. */
    METRICS_TOKEN: optionalText.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
  })
  .superRefine((config, ctx) => {
    if (config.ALERT_WEBHOOK_URL && !config.ALERT_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ALERT_WEBHOOK_SECRET'], message: 'is required when ALERT_WEBHOOK_URL is set' });
    }
    const oidc = [config.STAFF_OIDC_ISSUER, config.STAFF_OIDC_CLIENT_ID, config.STAFF_OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({ code: 'custom', path: ['STAFF_OIDC_ISSUER'], message: 'STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET go together' });
    }
    if (oidc === 3 && !config.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required for staff sign-in (the OIDC redirect address)' });
    }
    if (config.MicrosoftAppId && config.MicrosoftAppType === 'UserAssignedMSI' && !config.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for UserAssignedMSI (the managed identity\'s tenant)' });
    }
    if (config.NODE_ENV !== 'production') return;
    if (!config.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'is required when NODE_ENV=production' });
    }
    if (config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when NODE_ENV=production' });
    }
    if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for SingleTenant' });
    }
    if (!config.ADMIN_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_TOKEN'], message: 'is required when NODE_ENV=production' });
    }
    if (!config.DATA_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['DATA_KEYS'], message: 'is required when NODE_ENV=production (citizens\' words are sealed with it; see .env.example)' });
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

/** Raised when the environment is invalid; its message names every bad variable on one line. */
export class ConfigError extends Error {}

/** Validates the environment. Throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** Local mode: no app id, so the adapter accepts unauthenticated activities (as the Emulator expects). */
export function isLocalMode(config: AppConfig): boolean {
  return !config.MicrosoftAppId;
}

/** Hosts proactive messages may go to: configured, else the Bot Framework's, plus loopback in local mode. */
export function allowedServiceHosts(config: AppConfig): string[] {
  if (config.ALLOWED_SERVICE_URL_HOSTS) return config.ALLOWED_SERVICE_URL_HOSTS;
  return isLocalMode(config) ? [...BOT_FRAMEWORK_HOSTS, ...LOOPBACK_HOSTS] : BOT_FRAMEWORK_HOSTS;
}

/** Staff sign in with OpenID Connect when it is configured; otherwise with one-time links printed at start. */
export function staffOidcOf(config: AppConfig): { issuer: string; clientId: string; clientSecret: string; publicUrl: string } | undefined {
  const { STAFF_OIDC_ISSUER: issuer, STAFF_OIDC_CLIENT_ID: clientId, STAFF_OIDC_CLIENT_SECRET: clientSecret, PUBLIC_URL: publicUrl } = config;
  return issuer && clientId && clientSecret && publicUrl ? { issuer, clientId, clientSecret, publicUrl } : undefined;
}
