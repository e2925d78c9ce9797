import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig } from './config.js';
import { DEFAULT_LOCALE, resolveLocale, translator } from '../locales/i18n.js';
import { type Logger, safeError } from './logger.js';

/**
 * The Bot Framework adapter. Authentication comes from the standard variables;
 * with no app id it accepts unauthenticated activities (local mode).
 */
export function createAdapter(config: AppConfig, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  const log = logger.child({ module: 'adapter' });

  // Log the failure (no message text), tell the person something kind, keep the conversation usable.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
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
