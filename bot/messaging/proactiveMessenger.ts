import { type Activity, ActivityTypes, type ConversationReference, TurnContext } from 'botbuilder';
import { AuthenticationConstants, type BotFrameworkAuthentication, ClaimsIdentity, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';
import { parseRetryAfter } from '../../domain/retry.js';
import { isAllowedServiceUrl } from '../../domain/serviceUrls.js';
import { BoundedPromiseCache } from '../channelClients.js';
import { ActivityPoster, postingThrough } from './activityPoster.js';

/** Why a proactive message was not delivered, and what the caller should do about it. */
export class DeliveryError extends Error {
  constructor(
    /** retryable: try again later; unreachable: the person removed or blocked the bot; refused: never send (bad host). */
    readonly kind: 'retryable' | 'unreachable' | 'refused',
    readonly statusCode?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`delivery ${kind}${statusCode ? ` (${statusCode})` : ''}`);
  }
}

interface RestErrorLike {
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Connector clients kept, least recently used dropped first: Teams' service URLs are per region and may be per tenant. */
const MAX_CONNECTORS = 64;

/**
 * Every proactive message goes through here: a stored conversation reference,
 * the bot's app id, the serviceUrl allowlist, and one classification of failures.
 * Sends go through `ActivityPoster`, which retries 408, 429 and 5xx three times within one call
 * (honouring a Retry-After of up to 30 s), so callers retry only across calls.
 *
 * It posts to the conversation through the channel's connector (sendToConversation), with one
 * connector client per service URL kept for the process. CloudAdapter's proactive turn built a new
 * client, HTTP pipeline, token client and turn context for every message, which at a
 * 100,000-citizen pulse was much of the dispatcher's CPU and garbage; it also posted each message
 * as a reply to a made-up activity id. The client signs each request with a token botbuilder
 * caches and renews, so keeping it is safe.
 */
export class ProactiveMessenger {
  private readonly connectors: ConnectorFactory;
  private readonly clients = new BoundedPromiseCache<ConnectorClient>(MAX_CONNECTORS);

  constructor(
    auth: BotFrameworkAuthentication,
    appId: string,
    private readonly allowedHosts: readonly string[],
    /** Told every outcome, for the delivery metrics. */
    private readonly observe: (outcome: DeliveryError | 'delivered') => void = () => {},
  ) {
    // The claims a proactive turn carries (CloudAdapterBase.createClaimsIdentity): the bot's own app id.
    this.connectors = auth.createConnectorFactory(
      new ClaimsIdentity([
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ]),
    );
  }

  /** Sends one activity; resolves with the id the channel gave it (needed to update it later), when it gave one. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    // The channel gives the id; one from the caller would be refused or, worse, kept.
    return this.deliver(reference, { ...activity, id: undefined }, async (client, conversationId, outgoing) => (await client.conversations.sendToConversation(conversationId, outgoing)).id);
  }

  /** Replaces an activity sent earlier (Teams supports this; channels that do not refuse it). */
  async update(reference: Partial<ConversationReference>, activity: Partial<Activity> & { id: string }): Promise<void> {
    await this.deliver(reference, activity, async (client, conversationId, outgoing) => {
      await client.conversations.updateActivity(conversationId, activity.id, outgoing);
      return undefined;
    });
  }

  private async deliver(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
    call: (client: ConnectorClient, conversationId: string, outgoing: Activity) => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const { serviceUrl, conversation } = reference;
    if (!serviceUrl || !conversation?.id || !isAllowedServiceUrl(serviceUrl, this.allowedHosts)) {
      const refused = new DeliveryError('refused');
      this.observe(refused);
      throw refused;
    }
    // Addressed from the bot to the person in their conversation, but not as a reply to their last
    // message: Web Chat would hold it back until that message showed up.
    const outgoing = TurnContext.applyConversationReference({ type: ActivityTypes.Message, ...activity }, { ...reference, activityId: undefined }) as Activity;
    try {
      const id = await call(await this.clientFor(serviceUrl), conversation.id, outgoing);
      this.observe('delivered');
      return id;
    } catch (failure) {
      const error = classify(failure as RestErrorLike);
      this.observe(error);
      throw error;
    }
  }

  /** A failed making (no token, say) is tried afresh next time. */
  private clientFor(serviceUrl: string): Promise<ConnectorClient> {
    return this.clients.get(serviceUrl, async () => {
      const client = await this.connectors.create(serviceUrl);
      return postingThrough(client, new ActivityPoster(serviceUrl, client.credentials));
    });
  }
}

function classify(error: RestErrorLike): DeliveryError {
  const status = error.statusCode;
  if (status === 403 || status === 404) return new DeliveryError('unreachable', status);
  const retryAfterMs = parseRetryAfter(error.response?.headers?.get('retry-after'), new Date());
  return new DeliveryError('retryable', status, retryAfterMs);
}
