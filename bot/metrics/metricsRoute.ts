import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import { metricsAccess } from '../../domain/metricsAccess.js';
import { errorCatalogue } from '../errors.js';
import type { ServiceMetrics } from './serviceMetrics.js';

export interface MetricsRouteDeps {
  metrics: ServiceMetrics;
  /** METRICS_TOKEN: required as a bearer token when set. */
  token: string | undefined;
  localMode: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** GET /metrics in Prometheus' text format, for a scraper holding METRICS_TOKEN (or, in local mode, this machine). */
export function registerMetricsRoute(server: restify.Server, deps: MetricsRouteDeps): void {
  server.get('/metrics', async (req, res) => {
    const access = metricsAccess(
      {
        token: deps.token,
        presented: /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1],
        localMode: deps.localMode,
        fromLoopback: LOOPBACK.has(req.socket.remoteAddress ?? ''),
      },
      sameSecret,
    );
    if (access !== 'allow') {
      const code = access === 'unauthenticated' ? 'UNAUTHENTICATED' : 'NOT_FOUND';
      res.send(errorCatalogue[code].status, { error: code, message: errorCatalogue[code].message });
      return;
    }
    const body = await deps.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
