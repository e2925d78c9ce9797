import { createHash } from 'node:crypto';
import type pg from 'pg';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type restify from 'restify';

/** How many within how long; reaching it blocks the key for `blockSeconds` (default: the rest of the window). */
export interface LimitRule {
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** Where counters live: PostgreSQL (shared by every instance; the embedded database too, through its pool) or memory (tests). */
export type LimitStore = { pool: pg.Pool } | 'memory';

/**
 * A named limit over keys, on rate-limiter-flexible. Counters are rows of the
 * `RateLimit` table (migration `hardening`), so a limit holds across instances.
 */
export class AbuseLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    store: LimitStore,
    name: string,
    private readonly rule: LimitRule,
  ) {
    const options = { keyPrefix: name, points: rule.points, duration: rule.durationSeconds, blockDuration: rule.blockSeconds ?? 0 };
    this.limiter =
      store === 'memory'
        ? new RateLimiterMemory(options)
        : new RateLimiterPostgres({ ...options, storeClient: store.pool, storeType: 'pool', tableName: 'RateLimit', tableCreated: true, clearExpiredByTimeout: false });
  }

  /** Counts one use; undefined when allowed, else seconds until the key may try again. */
  async consume(key: string): Promise<number | undefined> {
    try {
      await this.limiter.consume(counterKey(key));
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  /** Seconds until the key may try again when it has used up its limit; undefined when it has not. */
  async blockedFor(key: string): Promise<number | undefined> {
    const state = await this.limiter.get(counterKey(key));
    if (!state || state.consumedPoints < this.rule.points || state.msBeforeNext <= 0) return undefined;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }
}

/** Counters are kept under a hash: the table holds no addresses or user ids. */
function counterKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** Deletes counters whose window has passed (the library's own timer is off: one scheduled cleanup instead). */
export async function deleteExpiredLimits(pool: pg.Pool, now: Date): Promise<number> {
  const result = await pool.query('DELETE FROM "RateLimit" WHERE expire < $1', [now.getTime()]);
  return result.rowCount ?? 0;
}

/**
 * The address a request came from: the socket's peer, or with `trustedProxyHops`
 * set, the address that many hops from the right of X-Forwarded-For (what the
 * trusted proxies saw; anything further left the client can write itself).
 */
export function clientAddress(req: restify.Request, trustedProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops === 0) return peer;
  const forwarded = (req.header('x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  return forwarded[forwarded.length - trustedProxyHops] ?? forwarded[0] ?? peer;
}

/** Route middleware: at most `limit` requests per client address; beyond it 429 with Retry-After (and the route does not run). */
export function limitPerAddress(limit: AbuseLimit, trustedProxyHops: number): restify.RequestHandler {
  // Callback style: restify continues the chain after every async handler, and a refused request must stop here.
  return (req, res, next) => {
    limit.consume(clientAddress(req, trustedProxyHops)).then(
      (waitSeconds) => {
        if (waitSeconds === undefined) return next();
        res.setHeader('retry-after', String(waitSeconds));
        res.send(429, { error: 'TOO_MANY_REQUESTS', message: 'Too many requests from this address; try again later.' });
        return next(false);
      },
      (error: unknown) => next(error as Error),
    );
  };
}
