import { existsSync } from 'node:fs';
import { type AppConfig, ConfigError, loadConfig } from './config.js';
import { createLogger, safeError } from './logger.js';

// A .env file beside package.json (copied from .env.example) is read if present; real environment variables win.
if (existsSync('.env')) process.loadEnvFile('.env');

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // The logger needs a valid configuration; this one line goes straight to stderr.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL);
// Loaded only once the configuration is valid, so a refusal is one line with nothing else printed.
const { startApp } = await import('./app.js');
const app = await startApp(config, logger);
// One plain line for the person who just typed npm start: where the chat and the console are, and the way in.
const signInLink = await app.staffConsole.startupSignInLink(app.publicUrl);
process.stdout.write(
  `Ledsager kører · chat: ${app.publicUrl}/ · konsol: ${app.publicUrl}/console${signInLink ? ` · log ind (engangslink): ${signInLink}` : ''}\n`,
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // stop() keeps within SHUTDOWN_TIMEOUT_MS step by step; this is the backstop should anything still hang.
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS + 2000).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: safeError(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
