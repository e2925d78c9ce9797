/**
 * Bot Framework channel hosts the bot's token may be sent to in production (public cloud, Teams, US Gov).
 * Teams is named exactly: anyone can make a *.trafficmanager.net name in Azure.
 */
export const BOT_FRAMEWORK_HOSTS = ['*.botframework.com', 'smba.trafficmanager.net', '*.botframework.azure.us'];
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * True when a stored serviceUrl points at an allowed host. botbuilder trusts any
 * stored serviceUrl and attaches the bot's token, so a tampered conversation
 * reference would otherwise leak it. Patterns: exact host, or "*.suffix". Only
 * loopback hosts (local mode, tests) may be plain http: the token must not travel unencrypted.
 */
export function isAllowedServiceUrl(serviceUrl: string, patterns: readonly string[]): boolean {
  let host: string;
  let protocol: string;
  try {
    ({ hostname: host, protocol } = new URL(serviceUrl));
    host = host.toLowerCase();
  } catch {
    return false;
  }
  const isLoopback = LOOPBACK_HOSTS.includes(host);
  if (protocol !== 'https:' && !(protocol === 'http:' && isLoopback)) return false;
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && !isLoopback;
    return host === p;
  });
}
