import { pino, type Logger } from 'pino';

// Personal data never goes to logs: these paths are censored wherever they appear.
const redactedPaths = [
  'text',
  '*.text',
  'name',
  '*.name',
  'displayName',
  '*.displayName',
  'email',
  '*.email',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
];

/** The root logger; modules take a child with `logger.child({ module })`. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'ledsager' } });
}

export type { Logger };
