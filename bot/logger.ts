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

/**
 * The root logger; modules take a child with `logger.child({ module })`. Lines are written
 * asynchronously (a request line per turn must not block the event loop on a slow stdout) and in
 * batches of 4 KiB: under load one write per twenty-odd lines, not one per line (~1 % of a turn's CPU).
 * A quiet service's lines wait at most a quarter of a second; pino flushes what is still queued
 * synchronously when the process exits through Node (an exit, a handled signal, an uncaught exception),
 * but not when it is killed or aborts (out of memory): then up to the last 4 KiB can be lost.
 */
export function createLogger(level: string): Logger {
  const destination = level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 });
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'ledsager' } };
  return destination ? pino(options, destination) : pino(options);
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
