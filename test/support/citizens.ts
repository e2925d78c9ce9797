import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';

/**
 * `count` citizens of one caseworker, each with a chat on the stand-in channel
 * (conversation `c<i>`), not yet agreed to anything: call `agreeAll` when the
 * test wants the schedulers to see them. Returns their ids.
 */
export async function seedReachableCitizens(prisma: PrismaClient, serviceUrl: string, count: number): Promise<string[]> {
  const caseworker = await prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'M', email: 'm@example.dk', role: 'CASEWORKER' } });
  const ids = Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  await prisma.citizen.createMany({ data: ids.map((id) => ({ id, organisationId: DEFAULT_ORGANISATION_ID, displayName: 'C', caseworkerId: caseworker.id })) });
  await prisma.channelIdentity.createMany({
    data: ids.map((citizenId, i) => ({
      channelId: 'test',
      userId: `u${i}`,
      citizenId,
      conversationReference: { channelId: 'test', serviceUrl, conversation: { id: `c${i}` }, bot: { id: 'bot' }, user: { id: `u${i}` } },
    })),
  });
  return ids;
}

/** Every one of them agrees (consent recorded), as after onboarding. */
export async function agreeAll(prisma: PrismaClient, citizenIds: string[]): Promise<void> {
  await prisma.consentRecord.createMany({ data: citizenIds.map((citizenId) => ({ citizenId, decision: 'ACCEPTED' as const, textVersion: 't' })) });
}
