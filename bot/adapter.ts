import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import { ClientReusingAuthentication } from './channelClients.js';
import type { AppConfig } from './config.js';
import { dropTurnWrites } from './data/turnSerializer.js';
import { conversationKey } from './http/inboundActivity.js';
import { DEFAULT_LOCALE, resolveLocale, translator } from '../locales/i18n.js';
import { type Logger, safeError } from './logger.js';

/** What authenticating an inbound request yields: the caller's claims and how to answer it. */
export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * The Bot Framework's public-cloud endpoints (botframework-connector's AuthenticationConstants).
 * botbuilder uses all of them as given once any one is configured, so unset ones fall back to these.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

/** botbuilder's own endpoint settings, for sovereign clouds (and a local identity stand-in in tests). */
function endpointSettings(config: AppConfig): Record<string, string> {
  const configured = Object.fromEntries(Object.keys(PUBLIC_CLOUD).flatMap((key) => (config[key as keyof typeof PUBLIC_CLOUD] ? [[key, config[key as keyof typeof PUBLIC_CLOUD]]] : [])));
  return Object.keys(configured).length === 0 ? {} : { ...PUBLIC_CLOUD, ...configured };
}

/**
 * The Bot Framework adapter, with the authentication it uses exposed so that the
 * HTTP edge can authenticate a request before it queues the turn.
 */
export class CompanionAdapter extends CloudAdapter {
  constructor(readonly auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  /** Throws when the request's token is missing or not valid for this bot (with app id set; local mode lets all through). */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticatedRequest> {
    return this.auth.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn of a request `authenticate` accepted; resolves with what to answer (invoke activities). */
  runAuthenticated(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}

/**
 * The Bot Framework adapter. Authentication comes from the standard variables;
 * with no app id it accepts unauthenticated activities (local mode).
 */
export function createAdapter(config: AppConfig, logger: Logger): CompanionAdapter {
  const auth = new ClientReusingAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...endpointSettings(config),
  });
  const adapter = new CompanionAdapter(auth);
  const log = logger.child({ module: 'adapter' });

  // Log the failure (no message text), tell the person something kind, keep the conversation usable.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // What the turn left for its end (a check-in answer) must not be committed without the rest of it.
    if (context.activity.conversation) dropTurnWrites(conversationKey(context.activity));
    log.error(
      // The stack's frames help find the bug; its first line repeats the message, which may quote personal data.
      { err: { ...safeError(error), frames: error.stack?.split('\n').slice(1).join('\n') }, conversationId: context.activity.conversation?.id },
      'turn failed',
    );
    try {
      const t = translator(resolveLocale(context.activity.locale, DEFAULT_LOCALE));
      await context.sendActivity(t('errors.turn'));
    } catch (sendError) {
      log.warn({ err: safeError(sendError) }, 'could not tell the person about the failure');
    }
  };
  return adapter;
}
