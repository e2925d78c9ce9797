import { describe, expect, it } from 'vitest';
import { BOT_FRAMEWORK_HOSTS, isAllowedServiceUrl, LOOPBACK_HOSTS } from '../../domain/serviceUrls.js';

describe('serviceUrl allowlist', () => {
  it.each([
    ['https://smba.trafficmanager.net/emea/', true],
    ['https://webchat.botframework.com/', true],
    ['https://directline.botframework.com/', true],
    ['https://evil.example.com/', false],
    ['https://botframework.com.evil.example/', false],
    ['https://evilbotframework.com/', false],
    ['https://anyone.trafficmanager.net/', false],
    ['http://smba.trafficmanager.net/emea/', false],
    ['http://127.0.0.1:9000/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('when production sends to %s, then allowed is %s', (url, allowed) => {
    expect(isAllowedServiceUrl(url, BOT_FRAMEWORK_HOSTS)).toBe(allowed);
  });

  it('when local mode allows loopback, then only loopback hosts are added', () => {
    const local = [...BOT_FRAMEWORK_HOSTS, ...LOOPBACK_HOSTS];
    expect(isAllowedServiceUrl('http://127.0.0.1:9000/', local)).toBe(true);
    expect(isAllowedServiceUrl('http://localhost:3978/', local)).toBe(true);
    expect(isAllowedServiceUrl('http://10.0.0.5/', local)).toBe(false);
    expect(isAllowedServiceUrl('http://webchat.botframework.com/', local)).toBe(false);
  });
});
