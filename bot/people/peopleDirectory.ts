import type { Sql } from '../data/database.js';
import { preparedStatement } from '../data/preparedStatements.js';
import { takeReadAhead, type TurnAddress, type TurnReader } from '../data/turnSerializer.js';
import type { PrismaClient } from '../data/generated/client.js';

/** Who is on the other end of a conversation, once they have enrolled. */
export type LinkedPerson = (
  | { kind: 'citizen'; identityId: string; citizenId: string; name: string; locale: string; timeZone: string }
  | {
      kind: 'staff';
      identityId: string;
      staffId: string;
      organisationId: string;
      name: string;
      locale: string;
      role: 'CASEWORKER' | 'COORDINATOR';
    }
) & {
  /** The chat as stored, when read by `find`: an unchanged reference is not written again. */
  storedChat?: StoredChat;
  /**
   * Read by `find`: whether a citizen's message now answers something (a reminder sent and not yet
   * answered, or a silence to lift). False spares the turn the statement that records it.
   */
  awaitingReaction?: boolean;
};

interface StoredChat {
  reference: unknown;
  unreachable: boolean;
  updatedAt: Date;
}

/** An unchanged reference is still written this often, so the freshest chat (where reminders go) stays the one in use. */
const TOUCH_AFTER_MS = 3_600_000;

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

interface FoundRow {
  id: string;
  reference: unknown;
  unreachable: boolean;
  updatedAt: Date;
  citizenId: string | null;
  displayName: string | null;
  locale: string | null;
  timeZone: string | null;
  awaitingReaction: boolean;
  staffId: string | null;
  organisationId: string | null;
  staffName: string | null;
  role: 'CASEWORKER' | 'COORDINATOR' | null;
}

/** The identity lookup by channel and user id. */
const FIND_PERSON = preparedStatement(
  'find_person',
  `SELECT i.id, i."conversationReference" AS reference, i."unreachableSince" IS NOT NULL AS unreachable,
     i."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt",
     c.id AS "citizenId", c."displayName", c.locale, c."timeZone",
     (COALESCE((c.schedule->>'silenced')::boolean, false)
       OR EXISTS (SELECT 1 FROM "Reminder" r WHERE r."citizenId" = c.id AND r.status = 'SENT' AND r."answeredAt" IS NULL)) AS "awaitingReaction",
     s.id AS "staffId", s."organisationId", s.name AS "staffName", s.role::text AS role
   FROM "ChannelIdentity" i
   LEFT JOIN "Citizen" c ON c.id = i."citizenId"
   LEFT JOIN "Staff" s ON s.id = i."staffId"
   WHERE i."channelId" = $1 AND i."userId" = $2`,
);

const readAheadKey = (channelId: string, userId: string) => `person ${channelId} ${userId}`;

/**
 * Looks up enrolled people by their channel identity and keeps their conversation reference fresh.
 * Every turn starts here, so the lookup is one statement (identity, citizen or staff member).
 */
export class PeopleDirectory {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The lookup a turn's opening batch makes: the person writing is the first thing a turn asks. */
  readonly readAhead: TurnReader = {
    read: (turn: TurnAddress) => ({
      key: readAheadKey(turn.channelId, turn.userId),
      query: { statement: FIND_PERSON, values: [turn.channelId, turn.userId] },
    }),
  };

  async find(channelId: string, userId: string): Promise<LinkedPerson | undefined> {
    const [row] = ((takeReadAhead(readAheadKey(channelId, userId)) as FoundRow[] | undefined) ??
      (await this.sql.query<FoundRow>(FIND_PERSON.text, [channelId, userId])).rows);
    if (!row) return undefined;
    const person = toLinkedPerson({
      id: row.id,
      citizen: row.citizenId ? { id: row.citizenId, displayName: row.displayName ?? '', locale: row.locale ?? 'da', timeZone: row.timeZone ?? 'Europe/Copenhagen' } : null,
      staff: row.staffId && row.role ? { id: row.staffId, organisationId: row.organisationId ?? '', name: row.staffName ?? '', role: row.role } : null,
    });
    return person && { ...person, storedChat: { reference: row.reference, unreachable: row.unreachable, updatedAt: row.updatedAt }, awaitingReaction: row.awaitingReaction };
  }

  /** Stores the latest reference: conversations and service URLs can change under a person. Unchanged ones are not rewritten every turn. */
  async rememberReference(person: LinkedPerson, reference: object): Promise<void> {
    const stored = person.storedChat;
    const fresh = stored && !stored.unreachable && this.now().getTime() - stored.updatedAt.getTime() < TOUCH_AFTER_MS;
    if (fresh && canonicalJson(withoutActivity(stored.reference)) === canonicalJson(withoutActivity(reference))) return;
    await this.prisma.channelIdentity.update({
      where: { id: person.identityId },
      data: { conversationReference: reference, unreachableSince: null },
    });
  }
}

/** The reference without the id of the message it came with, which changes every turn. */
function withoutActivity(reference: unknown): unknown {
  if (!reference || typeof reference !== 'object') return reference;
  const { activityId: _activityId, ...rest } = reference as Record<string, unknown>;
  return rest;
}

/** JSON with object keys sorted: the database returns jsonb keys in its own order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
