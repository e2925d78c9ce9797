import type { Activity, TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import { ClaimsIdentity } from 'botframework-connector';
import { BoundedPromiseCache, channelClientKey } from '../../bot/channelClients.js';
import { loadConfig } from '../../bot/config.js';

const silent = pino({ level: 'silent' });

function message(serviceUrl: string, conversationId: string): Activity {
  return {
    type: 'message',
    id: `${conversationId}-1`,
    text: 'hej',
    channelId: 'webchat',
    serviceUrl,
    from: { id: 'citizen-1', name: '' },
    recipient: { id: 'bot', name: '' },
    conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' },
  } as Activity;
}

describe('channel clients reused across turns', () => {
  const adapter = createAdapter(loadConfig({}), silent);

  /** The connector and user-token clients the adapter hands a turn for `activity`. */
  async function clientsOf(activity: Activity): Promise<{ connector: unknown; tokens: unknown }> {
    let seen: { connector: unknown; tokens: unknown } | undefined;
    const request = await adapter.authenticate(activity, '');
    await adapter.runAuthenticated(request, activity, async (context: TurnContext) => {
      seen = { connector: context.turnState.get(adapter.ConnectorClientKey), tokens: context.turnState.get(adapter.UserTokenClientKey) };
    });
    if (!seen?.connector || !seen.tokens) throw new Error('the turn got no channel clients');
    return seen;
  }

  it('gives every turn to the same channel the same clients', async () => {
    const first = await clientsOf(message('https://channel-a.test/', 'c1'));
    const second = await clientsOf(message('https://channel-a.test/', 'c2'));
    expect(second.connector).toBe(first.connector);
    expect(second.tokens).toBe(first.tokens);
  });

  it('gives another channel endpoint a client of its own', async () => {
    const a = await clientsOf(message('https://channel-a.test/', 'c3'));
    const b = await clientsOf(message('https://channel-b.test/', 'c4'));
    expect(b.connector).not.toBe(a.connector);
  });
});

describe('what a connector client is made for', () => {
  const identity = (claims: Record<string, string>) => new ClaimsIdentity(Object.entries(claims).map(([type, value]) => ({ type, value })));
  const url = 'https://smba.trafficmanager.net/emea/';

  it('is one client per bot identity, endpoint and token audience', () => {
    const bot = channelClientKey(identity({ aud: 'bot-a' }), url, undefined);
    expect(channelClientKey(identity({ aud: 'bot-a', serviceurl: url }), url, undefined)).toBe(bot);
    expect(channelClientKey(identity({ aud: 'bot-b' }), url, undefined)).not.toBe(bot);
    expect(channelClientKey(identity({ aud: 'bot-a' }), 'https://smba.trafficmanager.net/amer/', undefined)).not.toBe(bot);
    expect(channelClientKey(identity({ aud: 'bot-a' }), url, 'https://api.botframework.com')).not.toBe(bot);
  });

  it('takes the app id claim where a token has no audience, as botbuilder does', () => {
    expect(channelClientKey(identity({ appid: 'bot-a' }), url, undefined)).toBe(channelClientKey(identity({ aud: 'bot-a' }), url, undefined));
    expect(channelClientKey(identity({ appid: 'bot-b' }), url, undefined)).not.toBe(channelClientKey(identity({ aud: 'bot-a' }), url, undefined));
  });
});

describe('BoundedPromiseCache', () => {
  it('makes a value once per key', async () => {
    const cache = new BoundedPromiseCache<number>(4);
    let made = 0;
    const make = async () => ++made;
    expect(await cache.get('k', make)).toBe(1);
    expect(await cache.get('k', make)).toBe(1);
    expect(await cache.get('other', make)).toBe(2);
  });

  it('forgets the least recently used key beyond its capacity', async () => {
    const cache = new BoundedPromiseCache<string>(2);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('a', async () => 'a again');
    await cache.get('c', async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a again')).toBe('a');
    expect(await cache.get('b', async () => 'b again')).toBe('b again');
  });

  it('does not keep a failed making, so the next turn tries again', async () => {
    const cache = new BoundedPromiseCache<string>(2);
    await expect(cache.get('k', async () => Promise.reject(new Error('token endpoint down')))).rejects.toThrow('token endpoint down');
    expect(await cache.get('k', async () => 'second try')).toBe('second try');
  });
});
