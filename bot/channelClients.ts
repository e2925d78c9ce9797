import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ActivityPoster, postingThrough } from './messaging/activityPoster.js';
import { type AuthenticateRequestResult, AuthenticationConstants, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';

/**
 * At most this many channel clients are kept. A bot talks to a handful of channel endpoints (Teams'
 * regions, the web chat's), but in local mode a request names its own service URL: the bound keeps
 * anyone from growing the process with made-up ones.
 */
const MAX_CLIENTS = 32;

/**
 * botbuilder's authentication, with the clients a turn calls its channel through reused across
 * turns. botbuilder builds a new connector client and user-token client, each with its own HTTP
 * pipeline, for every turn: ~5 % of a turn's CPU, measured. The clients hold no per-turn state and
 * their credentials fetch and renew tokens themselves, so one per bot identity and endpoint serves
 * every turn. Their replies go through `ActivityPoster`, past botbuilder's HTTP pipeline. (Proactive
 * messages keep their clients in `ProactiveMessenger`.)
 */
export class ClientReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedPromiseCache<ConnectorClient>(MAX_CLIENTS);
  private readonly tokenClients = new BoundedPromiseCache<UserTokenClient>(MAX_CLIENTS);

  /** botbuilder makes a turn's connector factory while authenticating its request. */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(JSON.stringify([botIdentityOf(claimsIdentity)]), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(made: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(channelClientKey(claimsIdentity, serviceUrl, audience), async () => {
          const client = await made.create(serviceUrl, audience);
          return postingThrough(client, new ActivityPoster(serviceUrl, client.credentials));
        }),
    };
  }
}

/**
 * What a connector client is made for: the bot identity botbuilder makes its credentials for (the
 * token's audience, else its app id claim), the channel endpoint and the audience of its tokens.
 */
export function channelClientKey(claimsIdentity: ClaimsIdentity, serviceUrl: string, audience: string | undefined): string {
  return JSON.stringify([botIdentityOf(claimsIdentity), serviceUrl, audience ?? null]);
}

/** The bot identity botbuilder makes a channel client for: the token's audience, else its app id claim. */
function botIdentityOf(claimsIdentity: ClaimsIdentity): string | null {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? null;
}

/** Values made once per key; beyond `capacity` the least recently used is forgotten, and a failed making is not kept. */
export class BoundedPromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) {
      // Most recently used last: a Map iterates in insertion order, so the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const made = make();
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    this.entries.set(key, made);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}
