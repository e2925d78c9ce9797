import { z } from 'zod';
import type { TurnConversation } from '../../dialogs/services.js';
import type { TurnAddress } from '../data/turnSerializer.js';

/**
 * The minimum an inbound activity must carry before the adapter sees it;
 * anything less is answered 400 here instead of failing deep in botbuilder.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  from: z.looseObject({ id: z.string().min(1) }),
  conversation: z.looseObject({ id: z.string().min(1) }),
  text: z.string().optional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/**
 * Turns of one conversation are serialised under this key. It is the key botbuilder's
 * ConversationState stores the conversation's state under, so that a turn's opening batch can read it.
 */
export function conversationKey(activity: TurnConversation): string {
  return `${activity.channelId}/conversations/${activity.conversation.id}/`;
}

/** The conversation a turn is serialised under, and who is writing. */
export function turnAddress(activity: InboundActivity): TurnAddress {
  return { conversationKey: conversationKey(activity), channelId: activity.channelId, userId: activity.from.id };
}
