import type { PrismaClient } from '../data/generated/client.js';

/** Who is on the other end of a conversation, once they have enrolled. */
export type LinkedPerson =
  | { kind: 'citizen'; identityId: string; citizenId: string; name: string; locale: string; timeZone: string }
  | {
      kind: 'staff';
      identityId: string;
      staffId: string;
      organisationId: string;
      name: string;
      locale: string;
      role: 'CASEWORKER' | 'COORDINATOR';
    };

interface IdentityRow {
  id: string;
  citizen: { id: string; displayName: string; locale: string; timeZone: string } | null;
  staff: { id: string; organisationId: string; name: string; role: 'CASEWORKER' | 'COORDINATOR' } | null;
}

/** Maps a stored identity to the person it links, if it links one. */
export function toLinkedPerson(identity: IdentityRow): LinkedPerson | undefined {
  if (identity.citizen) {
    const { id, displayName, locale, timeZone } = identity.citizen;
    return { kind: 'citizen', identityId: identity.id, citizenId: id, name: displayName, locale, timeZone };
  }
  if (identity.staff) {
    const { id, organisationId, name, role } = identity.staff;
    return { kind: 'staff', identityId: identity.id, staffId: id, organisationId, name, locale: 'da', role };
  }
  return undefined;
}

/** Looks up enrolled people by their channel identity and keeps their conversation reference fresh. */
export class PeopleDirectory {
  constructor(private readonly prisma: PrismaClient) {}

  async find(channelId: string, userId: string): Promise<LinkedPerson | undefined> {
    const identity = await this.prisma.channelIdentity.findUnique({
      where: { channelId_userId: { channelId, userId } },
      include: { citizen: true, staff: true },
    });
    return identity ? toLinkedPerson(identity) : undefined;
  }

  /** Stores the latest reference: conversations and service URLs can change under a person. */
  async rememberReference(identityId: string, reference: object): Promise<void> {
    await this.prisma.channelIdentity.update({
      where: { id: identityId },
      data: { conversationReference: reference, unreachableSince: null },
    });
  }
}
