import type { TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import type { CompanionAdapter } from '../adapter.js';
import type { TurnSerializer } from '../data/turnSerializer.js';
import { safeJson, TooDeepError } from '../../domain/safeText.js';
import { AppError, errorCatalogue, type ErrorCode } from '../errors.js';
import { type Logger, safeError } from '../logger.js';
import type { TurnTiming } from '../metrics/serviceMetrics.js';
import { registerMessagesRoute } from './messagesRoute.js';

export interface HttpServerDeps {
  adapter: CompanionAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  serializer: TurnSerializer;
  /** True when the database answers and every migration is applied. */
  isReady: () => Promise<boolean>;
  maxBodyBytes: number;
  logger: Logger;
  /** Turn count, latency and conversation-lock wait for /metrics. */
  turnMetrics?: { turnQueued(): TurnTiming };
}

/** The restify server: Bot Framework endpoint, health probes, and error shaping. Routes are added by the caller. */
export function createHttpServer(deps: HttpServerDeps): restify.Server {
  const log = deps.logger.child({ module: 'http' });
  const server = restify.createServer({ name: 'ledsager', handleUncaughtExceptions: false });

  server.pre((req, res, next) => {
    res.setHeader('x-request-id', req.id());
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // jsonBodyParser passes its options on to restify's body reader, which enforces maxBodySize (413); the typings omit it.
  const bodyOptions = { maxBodySize: deps.maxBodyBytes, mapParams: false } as restify.plugins.JsonBodyParserOptions;
  server.use(restify.plugins.jsonBodyParser(bodyOptions));
  // Every inbound string (activities, Direct Line, staff API; body, path and query) is made safe before any
  // handler sees it: a NUL or a lone surrogate must never fail a write and lose what a citizen reported.
  server.use((req, res, next) => {
    try {
      req.body = safeJson(req.body);
      req.params = safeJson(req.params) as typeof req.params;
      req.query = safeJson(req.query) as typeof req.query;
    } catch (error) {
      if (!(error instanceof TooDeepError)) throw error;
      res.send(400, { error: 'BAD_REQUEST', message: 'The request body is nested too deeply.' });
      return next(false);
    }
    return next();
  });

  server.on('restifyError', (req: Request, res: Response, err: RestifyLikeError, callback: () => void) => {
    const code = errorCodeFor(err);
    if (errorCatalogue[code].status >= 500) {
      log.error({ reqId: req.id(), err: safeError(err) }, 'request failed');
    }
    const body = { error: code, message: err.body?.message && code === 'BAD_REQUEST' ? shortReason(err) : errorCatalogue[code].message };
    err.statusCode = errorCatalogue[code].status;
    err.toJSON = () => body;
    callback();
  });

  server.on('after', (req: Request, res: Response, route: { path?: string } | undefined) => {
    log.info({ reqId: req.id(), method: req.method, route: route?.path, status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const ready = await deps.isReady().catch(() => false);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready' });
  });

  registerMessagesRoute(server, deps);

  return server;
}

interface RestifyLikeError extends Error {
  statusCode?: number;
  restCode?: string;
  body?: { code?: string; message?: string };
  toJSON?: () => unknown;
}

function errorCodeFor(err: RestifyLikeError): ErrorCode {
  if (err instanceof AppError) return err.code;
  switch (err.statusCode) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return 'INTERNAL';
  }
}

/** restify's parser messages are safe and short ("Invalid JSON: …"); keep only the first clause. */
function shortReason(err: RestifyLikeError): string {
  const message = err.body?.message ?? '';
  return message.startsWith('Invalid JSON') ? 'The request body is not valid JSON.' : errorCatalogue.BAD_REQUEST.message;
}
