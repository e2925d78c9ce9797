import type { PrismaClient } from '../data/generated/client.js';
import type { LimitStore } from '../http/abuseLimits.js';
import { AbuseLimit } from '../http/abuseLimits.js';

/** A web-chat conversation nobody wrote in is deleted after this long (a page opened and left, or token requests in bulk). */
export const UNUSED_CONVERSATION_MS = 24 * 3_600_000;

/** Per client address: new web-chat conversations (the token endpoint), and all other Direct Line requests (a page polls about once a second). */
export function webchatLimits(store: LimitStore): { tokens: AbuseLimit; requests: AbuseLimit } {
  return {
    tokens: new AbuseLimit(store, 'webchat-token', { points: 30, durationSeconds: 600 }),
    requests: new AbuseLimit(store, 'directline', { points: 300, durationSeconds: 60 }),
  };
}

/** Deletes embedded Direct Line conversations older than `maxAgeMs` in which the person never sent a message. */
export async function deleteUnusedConversations(prisma: PrismaClient, now: Date, maxAgeMs = UNUSED_CONVERSATION_MS): Promise<number> {
  const unused = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT c.id FROM "DirectLineConversation" c
    WHERE c."createdAt" < ${new Date(now.getTime() - maxAgeMs)}
      AND NOT EXISTS (
        SELECT 1 FROM "DirectLineActivity" a
        WHERE a."conversationId" = c.id AND a.activity->>'type' = 'message' AND a.activity->'from'->>'role' = 'user')
    LIMIT 5000`;
  if (unused.length === 0) return 0;
  const ids = unused.map((row) => row.id);
  await prisma.$transaction([
    prisma.directLineActivity.deleteMany({ where: { conversationId: { in: ids } } }),
    prisma.directLineConversation.deleteMany({ where: { id: { in: ids } } }),
  ]);
  return ids.length;
}
