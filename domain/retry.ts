/** How a failed delivery attempt is retried. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, maxMs: 5 * 60_000, maxAttempts: 8 };

/**
 * Milliseconds to wait before attempt `attempt + 1`: the channel's Retry-After
 * when it sent one (never less), else exponential backoff with full jitter.
 * `random` is injected so tests are exact. Undefined when the budget is spent.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(retryAfterMs ?? 0, jittered);
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * A post to a channel (a turn's reply, a proactive message) is retried within the call as
 * botbuilder's HTTP pipeline retried it: three more tries, from one second, doubling. A channel
 * asking for a longer pause than `maxMs` is not waited for: the call fails with the channel's
 * Retry-After, so a turn does not hold its conversation, and the outbox or the dispatcher tries later.
 */
export const CHANNEL_POST_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, maxMs: 30_000, maxAttempts: 4 };

/**
 * Whether a channel's answer is worth another try: a timeout (408), too many requests (429), and
 * server errors other than "not implemented" (501) and "HTTP version not supported" (505), the set
 * botbuilder's pipeline (@azure/core-rest-pipeline) retries.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Socket errors worth another try, the set botbuilder's pipeline retries; others (TLS, a channel speaking no HTTP) fail at once. */
const TRANSIENT_SOCKET_ERRORS: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);

export function isRetryableSocketError(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_SOCKET_ERRORS.has(code);
}
