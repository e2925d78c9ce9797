import type { RequestHandler, Server } from 'restify';
import { type Logger, safeError } from '../logger.js';
import { newId } from './directLineTokens.js';

export interface AzureDirectLineOptions {
  secret: string;
  /** https://directline.botframework.com/v3/directline, or a regional endpoint. */
  endpoint: string;
  /** Limits tokens per client address (each new one is a conversation at Azure). */
  limit: RequestHandler;
  logger: Logger;
}

interface AzureToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/**
 * Web chat through Azure Bot Service: the page gets a Direct Line token from
 * here. The secret never reaches the browser, and the user id is chosen by the
 * service (Direct Line binds it into the token). A page that kept its token
 * refreshes it and stays in its conversation.
 */
export function registerAzureTokenRoute(server: Server, options: AzureDirectLineOptions): void {
  const post = async (path: string, bearer: string, body?: unknown): Promise<AzureToken | undefined> => {
    const response = await fetch(`${options.endpoint}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return undefined;
    return (await response.json()) as AzureToken;
  };

  server.post('/api/webchat/token', options.limit, async (req, res) => {
    try {
      const previous = typeof req.body?.token === 'string' ? req.body.token : undefined;
      const refreshed = previous ? await post('/tokens/refresh', previous) : undefined;
      const token = refreshed ?? (await post('/tokens/generate', options.secret, { user: { id: newId('dl_u') } }));
      if (!token) {
        res.send(502, { error: 'DIRECT_LINE_UNAVAILABLE', message: 'Web chat is not available right now.' });
        return;
      }
      res.send(200, { token: token.token, conversationId: token.conversationId, expiresIn: token.expires_in, resumed: Boolean(refreshed) });
    } catch (error) {
      options.logger.warn({ err: safeError(error) }, 'Direct Line token request failed');
      res.send(502, { error: 'DIRECT_LINE_UNAVAILABLE', message: 'Web chat is not available right now.' });
    }
  });
}
