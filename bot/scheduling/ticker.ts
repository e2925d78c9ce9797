import cron from 'node-cron';
import { type Logger, safeError } from '../logger.js';

export interface Ticker {
  stop(): Promise<void>;
}

/**
 * Runs `work` on a cron schedule. A tick never overlaps the previous one, and
 * a failing tick is logged, not fatal: the next tick tries again. What is due
 * is always read from the database, so nothing depends on these timers.
 */
export function startTicker(expression: string, name: string, work: () => Promise<unknown>, logger: Logger): Ticker {
  let current: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    expression,
    async () => {
      current = work().catch((error: unknown) => logger.error({ ticker: name, err: safeError(error) }, 'tick failed'));
      await current;
    },
    { name, noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await current;
    },
  };
}
