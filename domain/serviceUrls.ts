/** Bot Framework channel hosts the bot's token may be sent to in production (public cloud, Teams, US Gov). */
export const BOT_FRAMEWORK_HOSTS = ['*.botframework.com', 'smba.trafficmanager.net', '*.botframework.azure.us', '*.trafficmanager.net'];
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * True when a stored serviceUrl points at an allowed host. botbuilder trusts any
 * stored serviceUrl and attaches the bot's token, so a tampered conversation
 * reference would otherwise leak it. Patterns: exact host, or "*.suffix".
 */
export function isAllowedServiceUrl(serviceUrl: string, patterns: readonly string[]): boolean {
  let host: string;
  try {
    const url = new URL(serviceUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    host = url.hostname.toLowerCase();
  } catch {
    return false;
  }
  const isLoopback = LOOPBACK_HOSTS.includes(host);
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && !isLoopback;
    return host === p;
  });
}
