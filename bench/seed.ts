// Enrolled citizens for the benchmark, written set-based (generate_series) so that 100,000 take seconds.
import { DEFAULT_ORGANISATION_ID } from '../bot/admin/staffAuth.js';
import { DEFAULT_PRIVACY_VERSION } from '../bot/citizens/profileStore.js';
import type { Database } from '../bot/data/database.js';
import { QUESTION_BANK } from '../domain/questionBank/index.js';

/** Web chat, as citizens meet the service: questions go out as Adaptive Cards, and dialog state keeps them. */
export const BENCH_CHANNEL_ID = 'webchat';
/** A conversation the dispatch benchmark's channel does not count: senders warm up on it. */
export const WARM_UP_CONVERSATION = 'bench-warm-up';

/** Citizen `i`'s user id and conversation id in the benchmark's channel. */
export const benchUser = (i: number) => ({ userId: `bench-user-${i}`, conversationId: `bench-conv-${i}` });

export interface SeedOptions {
  count: number;
  /** The stand-in channel proactive messages go to. */
  serviceUrl: string;
  /** One ad-hoc check-in reminder per citizen, due now (ad hoc: it goes whatever the time of day). */
  withDueReminder: boolean;
}

/**
 * Citizens 1…count, each agreed to the built-in information text, linked to one chat in the bench channel; a check-in asks every
 * item of the question bank, so that a run of answers never reaches the (expensive) summary charts.
 */
export async function seedCitizens(db: Database, options: SeedOptions): Promise<void> {
  const caseworker = await db.prisma.staff.create({
    data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Bench', email: 'bench@example.dk', role: 'CASEWORKER' },
  });
  const checkInItems = { default: QUESTION_BANK.items.map((item) => item.id), byProgramme: {} };
  await db.pool.query(`UPDATE "Organisation" SET settings = settings || jsonb_build_object('checkInItems', $2::jsonb) WHERE id = $1`, [
    DEFAULT_ORGANISATION_ID,
    JSON.stringify(checkInItems),
  ]);
  const series = `FROM generate_series(1, $1::int) AS i`;
  const citizenId = `'00000000-0000-4000-9000-' || lpad(i::text, 12, '0')`;
  await db.pool.query(
    `INSERT INTO "Citizen" (id, "organisationId", "displayName", "caseworkerId", "contactWindow")
     SELECT ${citizenId}, $2, 'C' || i, $3, NULL ${series}`,
    [options.count, DEFAULT_ORGANISATION_ID, caseworker.id],
  );
  await db.pool.query(
    `INSERT INTO "ConsentRecord" (id, "citizenId", decision, "textVersion") SELECT gen_random_uuid()::text, ${citizenId}, 'ACCEPTED', $2 ${series}`,
    [options.count, DEFAULT_PRIVACY_VERSION],
  );
  await db.pool.query(
    `INSERT INTO "ChannelIdentity" (id, "channelId", "userId", "citizenId", "conversationReference", "updatedAt")
     SELECT gen_random_uuid()::text, $2, 'bench-user-' || i, ${citizenId},
       jsonb_build_object('channelId', $2::text, 'serviceUrl', $3::text, 'conversation', jsonb_build_object('id', 'bench-conv-' || i),
         'bot', jsonb_build_object('id', 'ledsager-bot'), 'user', jsonb_build_object('id', 'bench-user-' || i)), now() AT TIME ZONE 'UTC'
     ${series}`,
    [options.count, BENCH_CHANNEL_ID, options.serviceUrl],
  );
  if (options.withDueReminder) {
    await db.pool.query(
      `INSERT INTO "Reminder" (id, "citizenId", kind, "dueAt", payload) SELECT gen_random_uuid()::text, ${citizenId}, 'checkIn', (now() AT TIME ZONE 'UTC') - interval '1 minute', '{"adHoc": true}' ${series}`,
      [options.count],
    );
  }
  await db.pool.query('ANALYZE');
}
