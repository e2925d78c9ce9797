import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, isLocalMode, loadConfig } from '../../bot/config.js';
import { newDataKeyEntry } from '../../bot/data/dataKeys.js';

describe('configuration', () => {
  it('when nothing is set, then the embedded local defaults apply', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(isLocalMode(config)).toBe(true);
  });

  it('when a variable is invalid, then the error names it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgresql:\/\//);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN must be at least 24 characters/);
  });

  it('when production has no Bot Framework credentials, then it refuses, naming each missing variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId.*MicrosoftAppPassword.*ADMIN_TOKEN.*DATA_KEYS is required/);
  });

  const production = {
    NODE_ENV: 'production',
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'secret',
    ADMIN_TOKEN: 'a-long-enough-admin-token-123',
  };

  it('when production has credentials and a data key, then it starts authenticated', () => {
    const config = loadConfig({ ...production, DATA_KEYS: newDataKeyEntry('k1') });
    expect(isLocalMode(config)).toBe(false);
  });

  it('when production has no data key, or a malformed one, then it refuses to start, saying so', () => {
    expect(() => loadConfig(production)).toThrow(/^Invalid configuration: DATA_KEYS is required when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, DATA_KEYS: 'k1:c2hvcnQ=' })).toThrow(/DATA_KEYS key "k1" must be 32 bytes/);
  });

  it('when the service is started in production without credentials, then it exits non-zero with one line saying why', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: MicrosoftAppId is required when NODE_ENV=production/);
  });
});
