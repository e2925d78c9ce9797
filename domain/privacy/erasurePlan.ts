/** A chat identity as stored: the channel, the user id, and the conversation id from its conversation reference. */
export interface IdentityTrace {
  channelId: string;
  userId: string;
  conversationId: string | null;
}

/** Where a citizen's chats left traces outside the rows that name their citizen id. */
export interface ChatTraces {
  /** BotState keys: botbuilder's conversation state, `<channel>/conversations/<conversation id>`. */
  botStateKeys: string[];
  /** `<channel>/<conversation id>`: enrollment attempts and turn locks are keyed so. */
  conversationKeys: string[];
  /** The embedded Direct Line's conversations (web chat), whose activities hold every message both ways. */
  directLineConversationIds: string[];
  /** Identifiers that may appear inside other keys (rate-limit counters): user and conversation ids. */
  needles: string[];
}

/** Channel ids under which the embedded Direct Line stores conversations. */
const DIRECT_LINE_CHANNELS = new Set(['directline', 'webchat']);

/** Works out every key under which a citizen's conversations are stored, from their identities. */
export function chatTraces(identities: readonly IdentityTrace[]): ChatTraces {
  const withConversation = identities.filter((identity): identity is IdentityTrace & { conversationId: string } => Boolean(identity.conversationId));
  const unique = (values: string[]) => [...new Set(values)];
  return {
    botStateKeys: unique(withConversation.map((identity) => `${identity.channelId}/conversations/${identity.conversationId}`)),
    conversationKeys: unique(withConversation.map((identity) => `${identity.channelId}/${identity.conversationId}`)),
    directLineConversationIds: unique(withConversation.filter((identity) => DIRECT_LINE_CHANNELS.has(identity.channelId)).map((identity) => identity.conversationId)),
    needles: unique([...identities.map((identity) => identity.userId), ...withConversation.map((identity) => identity.conversationId)].filter((value) => value.length >= 6)),
  };
}

/** The conversation id inside a stored conversation reference, if it has one. */
export function conversationIdOf(reference: unknown): string | null {
  const conversation = reference && typeof reference === 'object' ? (reference as { conversation?: { id?: unknown } }).conversation : undefined;
  return typeof conversation?.id === 'string' ? conversation.id : null;
}
