import type { ServerResponse } from 'node:http';
import type restify from 'restify';

/** Seconds a client is asked to wait before retrying a request refused during shutdown (Bot Framework channels retry 503). */
export const SHUTDOWN_RETRY_AFTER_SECONDS = 5;

/**
 * Graceful shutdown of the HTTP side. Once draining: the listener stops taking
 * connections, a request that arrives anyway (on a kept-alive connection) gets
 * 503 with Retry-After (and `Connection: close`) before anything else runs,
 * requests already received are answered, and each kept-alive connection is
 * closed as soon as it falls idle. `drain` resolves when no request is left,
 * or at the deadline, when the rest are cut.
 */
export class HttpDrain {
  private draining = false;
  private readonly active = new Set<ServerResponse>();
  private idle: (() => void) | undefined;

  constructor(private readonly server: restify.Server) {
    server.server.prependListener('request', (_req, res: ServerResponse) => {
      this.active.add(res);
      res.once('close', () => {
        this.active.delete(res);
        if (!this.draining) return;
        server.server.closeIdleConnections();
        if (this.active.size === 0) this.idle?.();
      });
    });
    server.pre((_req, res, next) => {
      if (!this.draining) return next();
      res.setHeader('retry-after', String(SHUTDOWN_RETRY_AFTER_SECONDS));
      res.setHeader('connection', 'close');
      res.send(503, { error: 'SHUTTING_DOWN', message: 'The service is restarting; try again shortly.' });
      return next(false);
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Stops taking requests and waits (at most `timeoutMs`) for those received to be answered. */
  async drain(timeoutMs: number): Promise<{ cut: number }> {
    this.draining = true;
    const http = this.server.server;
    http.close();
    http.closeIdleConnections();
    if (this.active.size > 0) await settlesWithin(new Promise<void>((resolve) => (this.idle = resolve)), timeoutMs);
    const cut = this.active.size;
    http.closeAllConnections();
    return { cut };
  }
}

/** Waits for `work` at most `ms`; true when it settled in time. Shutdown steps never hang the exit. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return result;
}
