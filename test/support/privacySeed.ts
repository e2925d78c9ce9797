import type { Pool } from 'pg';
import type { Database } from '../../bot/data/database.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';

/** Strings that appear nowhere else, put into every place a citizen's data can live. */
export function distinctive(tag: string) {
  return {
    name: `Zorbina ${tag} Quixwell`,
    goal: `Blive ${tag} glasblæser i Quelby`,
    step: `Ringe til ${tag} værkstedet Vexholm`,
    other: `${tag} nabohund Krompus`,
    help: `En ${tag} cykel fra Plimsoll`,
    alert: `Jeg er ${tag} faldet på Yxtrappen`,
    reply: `Svar ${tag} om Yxtrappen fra Mette`,
    thread: `Tak ${tag} for Yxsvaret`,
    note: `Vurdering ${tag} Fjordlund`,
    userId: `user-${tag}-9f8e7d6c`,
    conversationId: `conv-${tag}-5a4b3c2d`,
  };
}

/** A caseworker (shared by every seeded citizen). */
export async function seedCaseworker(prisma: PrismaClient, email = 'mette@example.dk') {
  return prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Mette Holm', email, role: 'CASEWORKER' } });
}

/** A citizen with data in every table that can hold it: chats, goals, barriers, check-ins, alerts with replies, outbox, reminders. */
export async function seedCitizen(prisma: PrismaClient, caseworkerId: string, tag: string, at = new Date('2026-11-02T10:00:00Z')) {
  const words = distinctive(tag);
  const citizen = await prisma.citizen.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: words.name, caseworkerId, createdAt: at } });
  const citizenId = citizen.id;
  const reference = { channelId: 'webchat', user: { id: words.userId }, conversation: { id: words.conversationId }, serviceUrl: 'http://127.0.0.1/' };
  await prisma.channelIdentity.create({ data: { channelId: 'webchat', userId: words.userId, citizenId, conversationReference: reference } });
  await prisma.botState.create({ data: { key: `webchat/conversations/${words.conversationId}`, data: { dialogState: { text: words.goal } }, eTag: '1' } });
  await prisma.directLineConversation.create({
    data: { id: words.conversationId, userId: words.userId, activities: { create: [{ id: `${words.conversationId}-1`, activity: { text: words.alert, from: { id: words.userId } } }] } },
  });
  await prisma.enrollmentCode.create({ data: { codeHash: `hash-${tag}`, citizenId, expiresAt: at } });
  await prisma.enrollmentAttempt.create({ data: { conversationKey: `webchat/${words.conversationId}` } });
  await prisma.consentRecord.createMany({ data: [{ citizenId, decision: 'ACCEPTED', textVersion: 'v1', at }] });
  const { alertId } = await seedCitizenData(prisma, citizenId, caseworkerId, words, at);
  await prisma.auditLog.create({ data: { actorStaffId: caseworkerId, action: 'citizen.created', entity: 'Citizen', entityId: citizenId } });
  return { citizenId, alertId, words };
}

/** Goals, barriers, two check-ins, hours, an assessment, an alert with a reply and a thread, outbox and reminders for a citizen. */
export async function seedCitizenData(prisma: PrismaClient, citizenId: string, caseworkerId: string, words: ReturnType<typeof distinctive>, at: Date) {
  await prisma.goal.create({ data: { citizenId, text: words.goal, steps: { create: [{ text: words.step, dueDate: new Date('2026-12-01') }] } } });
  await prisma.barrier.createMany({ data: [{ citizenId, key: 'other', otherText: words.other, rank: 1, whatWouldHelp: words.help }, { citizenId, key: 'transport', rank: 2 }] });
  for (const [index, day] of ['2026-11-03T09:00:00Z', '2026-11-17T09:00:00Z'].entries()) {
    await prisma.checkIn.create({
      data: {
        citizenId,
        bankVersion: 'star-2017-progression-v1',
        itemIds: ['A1', 'B1'],
        status: 'COMPLETED',
        startedAt: new Date(day),
        completedAt: new Date(day),
        answers: { create: [{ itemId: 'A1', optionIndex: 2 - index }, { itemId: 'B1', optionIndex: 3 - index }] },
      },
    });
  }
  await prisma.hoursReport.create({ data: { citizenId, isoWeek: '2026-W46', hours: 7.5 } });
  await prisma.assessment.create({ data: { citizenId, staffId: caseworkerId, score: 3, note: words.note } });
  const alert = await prisma.alert.create({
    data: {
      citizenId,
      kind: 'message',
      severity: 'NORMAL',
      status: 'ACKNOWLEDGED',
      assigneeId: caseworkerId,
      dueAt: at,
      payload: { facts: {}, citizenText: words.alert },
      events: {
        create: [
          { type: 'created', detail: {} },
          { type: 'replied', actorStaffId: caseworkerId, detail: { text: words.reply } },
          { type: 'citizenMessage', detail: { text: words.thread } },
        ],
      },
    },
  });
  await prisma.outboxMessage.createMany({
    data: [
      { channel: 'citizen-chat', target: citizenId, payload: { alertId: alert.id, notice: 'reply', params: { name: 'Mette', text: words.reply } } },
      { channel: 'staff-chat', target: caseworkerId, payload: { alertId: alert.id, reason: 'new' } },
    ],
  });
  const reminder = await prisma.reminder.create({ data: { citizenId, kind: 'checkIn', dueAt: at, status: 'SENT', sentAt: at } });
  await prisma.reminderAttempt.create({ data: { reminderId: reminder.id, outcome: 'sent', status: 200 } });
  return { alertId: alert.id };
}

/** Every row of every table in the public schema holding one of the needles, sealed values opened: "table: needle" → count. */
export async function rowsContaining(db: Pick<Database, 'pool' | 'cipher'>, needles: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const name of await tableNames(db.pool)) {
    const rows = await db.pool.query<{ row: unknown }>(`SELECT row_to_json(t) AS row FROM ${quoted(name)} t`);
    const texts = rows.rows.map(({ row }) => JSON.stringify(db.cipher.openDeep(row)).toLowerCase());
    count(found, name, needles, (needle) => texts.filter((text) => text.includes(JSON.stringify(needle).slice(1, -1).toLowerCase())).length);
  }
  return found;
}

/** Every row of every table whose stored text, as the database holds it, contains one of the needles in clear. */
export async function rowsContainingInClear(pool: Pool, needles: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const name of await tableNames(pool)) {
    for (const needle of needles) {
      // The whole row as text covers every column, JSON and arrays included.
      const result = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(name)} t WHERE t::text ILIKE $1`, [`%${needle}%`]);
      count(found, name, [needle], () => Number(result.rows[0]?.n ?? 0));
    }
  }
  return found;
}

async function tableNames(pool: Pool): Promise<string[]> {
  const tables = await pool.query<{ name: string }>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  return tables.rows.map((row) => row.name);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function count(found: Record<string, number>, table: string, needles: readonly string[], rowsWith: (needle: string) => number): void {
  for (const needle of needles) {
    const n = rowsWith(needle);
    if (n > 0) found[`${table}: ${needle}`] = n;
  }
}
