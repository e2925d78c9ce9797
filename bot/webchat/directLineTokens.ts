import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a local Direct Line token grants: one conversation, as one user, until it expires. */
export interface TokenGrant {
  conversationId: string;
  userId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export const TOKEN_LIFETIME_SECONDS = 3600;
/** An expired token may still be exchanged for a fresh one this long: a page reloaded tomorrow keeps its conversation. */
export const REFRESH_GRACE_SECONDS = 30 * 86_400;

/** Issues and checks tokens signed with HMAC-SHA256; nothing about them is stored. */
export class DirectLineTokens {
  constructor(private readonly secret: string) {}

  issue(grant: Omit<TokenGrant, 'expiresAt'>, nowSeconds: number): { token: string; expiresIn: number } {
    const payload = Buffer.from(JSON.stringify({ ...grant, expiresAt: nowSeconds + TOKEN_LIFETIME_SECONDS })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /** The grant of a genuine token, or undefined. `graceSeconds` allows an expired one (for refreshing). */
  verify(token: string | undefined, nowSeconds: number, graceSeconds = 0): TokenGrant | undefined {
    const [payload, signature] = (token ?? '').split('.');
    if (!payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenGrant;
      return grant.expiresAt + graceSeconds > nowSeconds ? grant : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** Random ids for conversations and users, chosen by the server, never by the browser. */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('base64url')}`;
}
