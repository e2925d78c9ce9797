import type { Activity, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { AuthenticatedRequest, CompanionAdapter } from '../adapter.js';
import type { TurnSerializer } from '../data/turnSerializer.js';
import type { Logger } from '../logger.js';
import type { TurnTiming } from '../metrics/serviceMetrics.js';
import { inboundActivitySchema, turnAddress } from './inboundActivity.js';

export interface MessagesRouteDeps {
  adapter: CompanionAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  serializer: TurnSerializer;
  logger: Logger;
  now?: () => Date;
  /** Turn count, latency and conversation-lock wait for /metrics. */
  turnMetrics?: { turnQueued(): TurnTiming };
}

/** botbuilder's own tolerance for token times (ChannelValidation: clockTolerance 5 minutes). */
const CLOCK_TOLERANCE_SECONDS = 300;

/**
 * The Bot Framework endpoint. Order matters: the activity's shape, then its
 * token, and only then is the turn queued behind the conversation's earlier
 * turns, so forged requests cost no place in a real person's queue and no
 * conversation lock. Every refusal is a 4xx with one log line, never a 500.
 */
export function registerMessagesRoute(server: restify.Server, deps: MessagesRouteDeps): void {
  const log = deps.logger.child({ module: 'messages' });
  const now = deps.now ?? (() => new Date());

  server.post('/api/messages', async (req, res) => {
    const parsed = inboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', issue.message]));
      res.send(400, { error: 'BAD_REQUEST', message: 'The activity is not valid.', fields });
      return;
    }
    const activity = withDates(parsed.data as unknown as Activity);
    const authHeader = req.header('authorization') ?? '';

    let authenticated: AuthenticatedRequest;
    try {
      const early = tokenTimeProblem(authHeader, now().getTime() / 1000);
      if (early) throw Object.assign(new Error(early), { name: early, statusCode: 401 });
      authenticated = await deps.adapter.authenticate(activity, authHeader);
    } catch (error) {
      const refusal = classifyAuthFailure(error);
      log.warn({ reqId: req.id(), status: refusal.status, reason: refusal.reason, channelId: parsed.data.channelId }, 'inbound activity refused');
      if (refusal.status === 503) res.setHeader('retry-after', '30');
      res.send(refusal.status, { error: refusal.status === 503 ? 'NOT_READY' : 'UNAUTHENTICATED', message: refusal.message });
      return;
    }

    const timing = deps.turnMetrics?.turnQueued();
    const invokeResponse = await deps.serializer
      .run(turnAddress(parsed.data), () => {
        timing?.running();
        return deps.adapter.runAuthenticated(authenticated, activity, (context) => deps.bot.run(context));
      })
      .catch((error: unknown) => {
        timing?.done('failed');
        throw error;
      });
    timing?.done('ok');
    if (invokeResponse?.body === undefined) res.send(invokeResponse?.status ?? 200);
    else res.send(invokeResponse.status, invokeResponse.body);
  });
}

/** As botbuilder's CloudAdapter.process does: timestamps arrive as strings, the bot reads Dates (the raw strings kept). */
function withDates(activity: Activity): Activity {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value: unknown = activity[field];
    if (typeof value === 'string') Object.assign(activity, { [raw]: value, [field]: new Date(value) });
  }
  return activity;
}

/** A token already expired or not yet valid (beyond botbuilder's tolerance) is refused here, before botbuilder prints its stack for it. */
export function tokenTimeProblem(authHeader: string, nowSeconds: number): 'expired' | 'not-yet-valid' | undefined {
  const payload = /^Bearer\s+[^.\s]*\.([^.\s]*)\./i.exec(authHeader)?.[1];
  if (!payload) return undefined;
  try {
    const { exp, nbf } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown; nbf?: unknown };
    if (typeof exp === 'number' && exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) return 'expired';
    if (typeof nbf === 'number' && nbf - CLOCK_TOLERANCE_SECONDS > nowSeconds) return 'not-yet-valid';
  } catch {
    // Not JSON: botbuilder refuses it as malformed.
  }
  return undefined;
}

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError', 'expired', 'not-yet-valid']);

/**
 * botbuilder raises AuthenticationError (with a status) for most refusals but lets
 * jsonwebtoken's errors (bad signature, wrong algorithm, malformed) through as they
 * are: all of those are the caller's fault, 401. Anything else (the identity
 * provider's keys could not be fetched) is ours: 503, try again.
 */
export function classifyAuthFailure(error: unknown): { status: 401 | 403 | 503; reason: string; message: string } {
  const { name, statusCode } = (error ?? {}) as { name?: string; statusCode?: number };
  if (statusCode === 403) return { status: 403, reason: name ?? 'forbidden', message: 'This caller may not send to this bot.' };
  if (statusCode === 401 || TOKEN_ERRORS.has(name ?? '')) return { status: 401, reason: name ?? 'unauthorized', message: 'A valid Bot Framework token is required.' };
  return { status: 503, reason: 'identity-provider-unavailable', message: 'The token could not be checked right now; try again shortly.' };
}
