/** Who may read /metrics. */
export type MetricsAccess = 'allow' | 'unauthenticated' | 'hidden';

export interface MetricsRequest {
  /** METRICS_TOKEN; when set, the bearer token must match it. */
  token: string | undefined;
  /** The request's bearer token, if any. */
  presented: string | undefined;
  /** Local mode (no app id): without a token, readable from this machine only. */
  localMode: boolean;
  fromLoopback: boolean;
}

/**
 * With METRICS_TOKEN set, the token is required (any address). Without one, local mode answers
 * loopback callers only; anything else gets the not-found page, so a production service never
 * exposes its figures by accident.
 */
export function metricsAccess(request: MetricsRequest, tokensMatch: (a: string, b: string) => boolean): MetricsAccess {
  if (request.token) return request.presented !== undefined && tokensMatch(request.presented, request.token) ? 'allow' : 'unauthenticated';
  return request.localMode && request.fromLoopback ? 'allow' : 'hidden';
}
