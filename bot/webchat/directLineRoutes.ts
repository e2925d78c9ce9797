import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { PrismaClient } from '../data/generated/client.js';
import { type AbuseLimit, clientAddress, limitPerAddress } from '../http/abuseLimits.js';
import type { Logger } from '../logger.js';
import { DirectLineTokens, newId, REFRESH_GRACE_SECONDS, type TokenGrant } from './directLineTokens.js';

export interface DirectLineDeps {
  prisma: PrismaClient;
  tokens: DirectLineTokens;
  /** Where this service listens, for feeding activities to /api/messages like any channel. */
  selfUrl: () => string;
  /** Secret path segment of the callback the bot replies to, so nobody else can write into conversations. */
  callbackKey: string;
  /** Per client address: new conversations (the token endpoint), and every other Direct Line request. */
  limits: { tokens: AbuseLimit; requests: AbuseLimit };
  trustedProxyHops: number;
  logger: Logger;
}

const BOT = { id: 'ledsager', name: 'Ledsager', role: 'bot' };
const MAX_WATERMARK = 2_147_483_647;
const now = () => Math.floor(Date.now() / 1000);

function bearer(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
}

function problem(res: Response, status: number, code: string): void {
  res.send(status, { error: { code, message: code } });
}

/**
 * The embedded Direct Line: the subset of Direct Line 3.0 that Web Chat uses
 * with polling (start a conversation, post an activity, read activities from a
 * watermark, refresh a token), plus the channel-side callback the bot answers
 * to. Activities are kept in the database, so a reload or a restart keeps the
 * conversation and proactive messages reach an open page.
 */
export function registerDirectLineRoutes(server: Server, deps: DirectLineDeps): void {
  const { prisma, tokens } = deps;
  const serviceUrl = () => `${deps.selfUrl()}/directline/callback/${deps.callbackKey}/`;

  // The callback's serviceUrl carries its secret path: only the bot gets it, never the store or the page.
  const store = async (conversationId: string, { serviceUrl: _secret, ...activity }: Record<string, unknown>) => {
    const id = typeof activity.id === 'string' ? activity.id : randomUUID();
    await prisma.directLineActivity.create({ data: { id, conversationId, activity: { ...activity, id } as object } });
    return id;
  };

  /** Hands an activity to the bot exactly as a channel does: an HTTP POST to /api/messages. */
  const toBot = async (activity: Record<string, unknown>) => {
    const response = await fetch(`${deps.selfUrl()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    if (!response.ok) deps.logger.warn({ status: response.status }, 'bot did not accept a web-chat activity');
  };

  /** What every activity from the page carries: identity and routing from the token and the service, never from the browser. */
  const envelope = (grant: TokenGrant) => ({
    id: randomUUID(),
    channelId: 'webchat',
    serviceUrl: serviceUrl(),
    conversation: { id: grant.conversationId },
    from: { id: grant.userId, role: 'user' },
    recipient: BOT,
    timestamp: new Date().toISOString(),
  });

  const grantFor = (req: Request, res: Response, conversationId?: string): TokenGrant | undefined => {
    const grant = tokens.verify(bearer(req), now());
    if (!grant) {
      problem(res, 401, 'TokenInvalid');
      return undefined;
    }
    if (conversationId && grant.conversationId !== conversationId) {
      problem(res, 403, 'ConversationMismatch');
      return undefined;
    }
    return grant;
  };

  // The page asks the service (not Direct Line) for a token; the user id is chosen here, never by the browser.
  const perAddress = limitPerAddress(deps.limits.requests, deps.trustedProxyHops);
  server.post('/api/webchat/token', limitPerAddress(deps.limits.tokens, deps.trustedProxyHops), async (req, res) => {
    const previous = tokens.verify(typeof req.body?.token === 'string' ? req.body.token : undefined, now(), REFRESH_GRACE_SECONDS);
    const known = previous && (await prisma.directLineConversation.findUnique({ where: { id: previous.conversationId } }));
    const conversation = known || (await prisma.directLineConversation.create({ data: { id: newId('wc'), userId: newId('u') } }));
    const issued = tokens.issue({ conversationId: conversation.id, userId: conversation.userId }, now());
    res.send(200, { token: issued.token, expiresIn: issued.expiresIn, conversationId: conversation.id, resumed: Boolean(known) });
  });

  server.post('/v3/directline/tokens/refresh', perAddress, async (req, res) => {
    const grant = grantFor(req, res);
    if (!grant) return;
    const issued = tokens.issue({ conversationId: grant.conversationId, userId: grant.userId }, now());
    res.send(200, { conversationId: grant.conversationId, token: issued.token, expires_in: issued.expiresIn });
  });

  const startOrResume = async (req: Request, res: Response) => {
    const grant = grantFor(req, res, req.params.conversationId);
    if (!grant) return;
    const existing = await prisma.directLineActivity.count({ where: { conversationId: grant.conversationId } });
    if (existing === 0) {
      // A new conversation: tell the bot someone joined, so it can say hello first.
      await toBot({ type: 'conversationUpdate', ...envelope(grant), membersAdded: [{ id: grant.userId }] });
    }
    res.send(200, { conversationId: grant.conversationId, token: bearer(req), expires_in: 3600 });
  };
  server.post('/v3/directline/conversations', perAddress, startOrResume);
  server.get('/v3/directline/conversations/:conversationId', perAddress, startOrResume);

  server.post('/v3/directline/conversations/:conversationId/activities', perAddress, async (req, res) => {
    const grant = grantFor(req, res, req.params.conversationId);
    if (!grant) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.type !== 'string') {
      problem(res, 400, 'BadArgument');
      return;
    }
    const activity = { ...body, ...envelope(grant) };
    const id = await store(grant.conversationId, activity);
    // The bot alone learns the browser's address (it limits guessing enrollment codes across new conversations); it is not stored.
    const channelData = { ...(typeof body.channelData === 'object' ? body.channelData : {}), clientAddress: clientAddress(req, deps.trustedProxyHops) };
    await toBot({ ...activity, channelData });
    res.send(200, { id });
  });

  server.get('/v3/directline/conversations/:conversationId/activities', perAddress, async (req, res) => {
    const grant = grantFor(req, res, req.params.conversationId);
    if (!grant) return;
    const raw = (req.query as { watermark?: unknown }).watermark;
    const watermark = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : 0;
    // Watermarks are 32-bit sequence numbers; a larger one is no watermark this service ever gave out.
    if (watermark > MAX_WATERMARK) {
      problem(res, 400, 'BadArgument');
      return;
    }
    const rows = await prisma.directLineActivity.findMany({ where: { conversationId: grant.conversationId, seq: { gt: watermark } }, orderBy: { seq: 'asc' }, take: 100 });
    // Rows stored before the store dropped serviceUrl still hold it: never hand it to the page.
    const activities = rows.map((row) => ({ ...(row.activity as Record<string, unknown>), serviceUrl: undefined }));
    res.send(200, { activities, watermark: String(rows.at(-1)?.seq ?? watermark) });
  });

  // The channel side: where the bot's replies and proactive messages arrive (the Bot Connector API path).
  const fromBot = async (req: Request, res: Response) => {
    if (req.params.key !== deps.callbackKey) {
      problem(res, 404, 'NotFound');
      return;
    }
    const conversationId = req.params.conversationId as string;
    if (!(await prisma.directLineConversation.findUnique({ where: { id: conversationId } }))) {
      problem(res, 404, 'ConversationNotFound');
      return;
    }
    const activity = { ...(req.body as Record<string, unknown>), id: randomUUID(), from: BOT, timestamp: new Date().toISOString() };
    res.send(200, { id: await store(conversationId, activity) });
  };
  server.post('/directline/callback/:key/v3/conversations/:conversationId/activities', fromBot);
  server.post('/directline/callback/:key/v3/conversations/:conversationId/activities/:replyToId', fromBot);
}
