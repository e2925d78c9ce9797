import { describe, expect, it } from 'vitest';
import { isRetryableSocketError, isRetryableStatus } from '../../domain/retry.js';

describe('which answers of a channel are worth another try', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [505, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
  ])('%i → %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});

describe('which failed connections are worth another try', () => {
  it.each([
    ['ECONNREFUSED', true],
    ['ECONNRESET', true],
    ['ETIMEDOUT', true],
    ['ENOTFOUND', true],
    ['HPE_INVALID_CONSTANT', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', false],
    [undefined, false],
  ])('%s → %s', (code, retryable) => {
    expect(isRetryableSocketError(code)).toBe(retryable);
  });
});
