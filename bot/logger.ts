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

/**
 * What may be logged of an error: its type, code and message, but never the
 * message of a Prisma error, which quotes the query's arguments (names, the
 * citizen's words). Use this wherever an error is logged.
 */
export function safeError(error: unknown): { type: string; code?: string; message?: string } {
  const err = error as { name?: string; constructor?: { name?: string }; code?: unknown; message?: unknown };
  const type = err?.constructor?.name ?? err?.name ?? typeof error;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const quotesQuery = /^Prisma|DriverAdapterError/.test(type) || (typeof err?.message === 'string' && err.message.includes('invocation'));
  return {
    type,
    ...(code ? { code } : {}),
    ...(!quotesQuery && typeof err?.message === 'string' ? { message: err.message.slice(0, 300) } : {}),
  };
}
