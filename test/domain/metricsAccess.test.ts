import { describe, expect, it } from 'vitest';
import { type MetricsAccess, type MetricsRequest, metricsAccess } from '../../domain/metricsAccess.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const equal = (a: string, b: string) => a === b;

describe('who may read /metrics', () => {
  it.each<[string, MetricsRequest, MetricsAccess]>([
    ['when a token is configured and presented, then it is allowed from anywhere', { token: TOKEN, presented: TOKEN, localMode: false, fromLoopback: false }, 'allow'],
    ['when a token is configured and a wrong one presented, then 401', { token: TOKEN, presented: 'wrong', localMode: false, fromLoopback: false }, 'unauthenticated'],
    ['when a token is configured and none presented, even locally, then 401', { token: TOKEN, presented: undefined, localMode: true, fromLoopback: true }, 'unauthenticated'],
    ['when no token is configured in local mode, then this machine may read it', { token: undefined, presented: undefined, localMode: true, fromLoopback: true }, 'allow'],
    ['when no token is configured in local mode, then other machines get not-found', { token: undefined, presented: undefined, localMode: true, fromLoopback: false }, 'hidden'],
    ['when no token is configured in production, then nobody reads it', { token: undefined, presented: 'anything', localMode: false, fromLoopback: true }, 'hidden'],
  ])('%s', (_name, request, expected) => {
    expect(metricsAccess(request, equal)).toBe(expected);
  });
});
