import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, staffOidcOf } from '../../bot/config.js';

const oidc = { STAFF_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', STAFF_OIDC_CLIENT_ID: 'app', STAFF_OIDC_CLIENT_SECRET: 'secret' };

describe('staff console configuration', () => {
  it('when nothing is set, then sessions get their defaults and sign-in is by printed link (no OIDC)', () => {
    const config = loadConfig({});
    expect([config.STAFF_SESSION_IDLE_MINUTES, config.STAFF_SESSION_MAX_HOURS]).toEqual([60, 12]);
    expect(staffOidcOf(config)).toBeUndefined();
  });

  it('when all three OIDC variables and PUBLIC_URL are set, then OIDC is on', () => {
    expect(staffOidcOf(loadConfig({ ...oidc, PUBLIC_URL: 'https://ledsager.example.dk' }))).toMatchObject({ clientId: 'app', publicUrl: 'https://ledsager.example.dk' });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['only some OIDC variables', { STAFF_OIDC_ISSUER: oidc.STAFF_OIDC_ISSUER }, /STAFF_OIDC_ISSUER .*go together/],
    ['OIDC without PUBLIC_URL', oidc, /PUBLIC_URL is required for staff sign-in/],
    ['an idle timeout of one minute', { STAFF_SESSION_IDLE_MINUTES: '1' }, /STAFF_SESSION_IDLE_MINUTES/],
  ])('when %s, then the service refuses to start naming the variable', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
