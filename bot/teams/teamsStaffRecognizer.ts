import { Channels, TeamsInfo, type TurnContext } from 'botbuilder';
import type { PrismaClient } from '../data/generated/client.js';
import { type LinkedPerson, toLinkedPerson } from '../people/peopleDirectory.js';

/**
 * In Teams a caseworker needs no code: they are recognised by their Azure AD
 * object id, or by the e-mail Teams has for them, matching their staff record.
 */
export class TeamsStaffRecognizer {
  constructor(private readonly prisma: PrismaClient) {}

  async recognize(context: TurnContext, reference: object): Promise<LinkedPerson | undefined> {
    const { activity } = context;
    if (activity.channelId !== Channels.Msteams) return undefined;
    const aadObjectId = activity.from.aadObjectId;
    let staff = aadObjectId ? await this.prisma.staff.findUnique({ where: { aadObjectId } }) : null;
    if (!staff) {
      const email = await this.emailOf(context);
      staff = email ? await this.prisma.staff.findUnique({ where: { email } }) : null;
    }
    if (!staff) return undefined;
    const identity = await this.prisma.channelIdentity.upsert({
      where: { channelId_userId: { channelId: activity.channelId, userId: activity.from.id } },
      create: { channelId: activity.channelId, userId: activity.from.id, staffId: staff.id, conversationReference: reference },
      update: { staffId: staff.id, citizenId: null, conversationReference: reference, unreachableSince: null },
      include: { citizen: true, staff: true },
    });
    await this.prisma.auditLog.create({ data: { actorStaffId: staff.id, action: 'teams.recognised', entity: 'Staff', entityId: staff.id } });
    return toLinkedPerson(identity);
  }

  private async emailOf(context: TurnContext): Promise<string | undefined> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return (member.email ?? member.userPrincipalName)?.toLowerCase();
    } catch {
      // Not in a team roster we can read (or Teams is unavailable): fall back to an enrollment code.
      return undefined;
    }
  }
}
