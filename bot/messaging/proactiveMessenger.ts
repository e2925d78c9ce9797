import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { parseRetryAfter } from '../../domain/retry.js';
import { isAllowedServiceUrl } from '../../domain/serviceUrls.js';

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

/**
 * Every proactive message goes through here: a stored conversation reference,
 * the bot's app id, the serviceUrl allowlist, and one classification of failures.
 * botbuilder's HTTP pipeline already retries 429 and 5xx three times (honouring
 * Retry-After) within one call, so callers retry only across calls.
 */
export class ProactiveMessenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly allowedHosts: readonly string[],
    /** Told every outcome, for the delivery metrics. */
    private readonly observe: (outcome: DeliveryError | 'delivered') => void = () => {},
  ) {}

  /** Sends one activity; resolves with the id the channel gave it (needed to update it later), when it gave one. */
  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactively(reference, async (context) => {
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  /** Replaces an activity sent earlier (Teams supports this; channels that do not refuse it). */
  async update(reference: Partial<ConversationReference>, activity: Partial<Activity> & { id: string }): Promise<void> {
    await this.proactively(reference, async (context) => {
      await context.updateActivity(activity);
    });
  }

  private async proactively(reference: Partial<ConversationReference>, act: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!reference.serviceUrl || !isAllowedServiceUrl(reference.serviceUrl, this.allowedHosts)) {
      const refused = new DeliveryError('refused');
      this.observe(refused);
      throw refused;
    }
    // botbuilder hands errors inside the callback to onTurnError, which would swallow them (and apologise
    // to the wrong person); catching here keeps the failure ours to classify and retry.
    let failure: unknown;
    try {
      // Not a reply to the person's last message: Web Chat would hold it back until that message showed up.
      await this.adapter.continueConversationAsync(this.appId, { ...reference, activityId: undefined }, async (context) => {
        try {
          await act(context);
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (!failure) {
      this.observe('delivered');
      return;
    }
    const error = classify(failure as RestErrorLike);
    this.observe(error);
    throw error;
  }
}

function classify(error: RestErrorLike): DeliveryError {
  const status = error.statusCode;
  if (status === 403 || status === 404) return new DeliveryError('unreachable', status);
  const retryAfterMs = parseRetryAfter(error.response?.headers?.get('retry-after'), new Date());
  return new DeliveryError('retryable', status, retryAfterMs);
}
