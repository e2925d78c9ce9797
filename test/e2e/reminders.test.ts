import { describe, expect, it, vi } from 'vitest';
import { metteAndAnna, staffApi, startTestApp, useServiceWithChannel } from '../support/app.js';
import { createScratchDatabase, skipWithoutPostgres } from '../support/postgres.js';
import { agreeAll, seedReachableCitizens } from '../support/citizens.js';
import { StandInChannel } from '../support/standInChannel.js';

const NO_QUIET_HOURS = { reminders: { checkInCadence: 'P6W', pulseCadence: 'P1W', quietHours: null, timeZone: 'Europe/Copenhagen', nonResponseThreshold: 3 } };
const isReminder = (text: string | undefined) => /Nu er det tid til at svare på et par spørgsmål/.test(text ?? '');

describe('reminders, driven as a channel drives them', () => {
  const service = useServiceWithChannel({ SCHEDULER_CRON: '* * * * * *' });

  it('when a caseworker schedules a check-in 3 s ahead, then it arrives once, and "ja" starts the check-in', async () => {
    const { app, channel } = service;
    expect((await staffApi(app, 'PUT', '/api/admin/settings', { body: NO_QUIET_HOURS })).status).toBe(200);
    const { citizen, citizenId } = await metteAndAnna(app, channel);
    const before = channel.textsIn('conv-anna').length;
    const put = await staffApi(app, 'PUT', `/api/admin/citizens/${citizenId}/schedule`, { body: { nextCheckInAt: new Date(Date.now() + 3000).toISOString() } });
    expect(put.status).toBe(200);
    expect((put.body.pending as Array<{ adHoc: boolean }>).some((reminder) => reminder.adHoc)).toBe(true);

    await channel.waitForMessages('conv-anna', before + 1, 10_000);
    // The channel has it a moment before the service has recorded it.
    const reminder = await vi.waitFor(() => app.db.prisma.reminder.findFirstOrThrow({ where: { citizenId, kind: 'checkIn', status: 'SENT' }, include: { attemptLog: true } }));
    expect(reminder.attempts).toBe(1);
    expect(reminder.attemptLog.map((attempt) => attempt.outcome)).toEqual(['delivered']);
    expect(channel.activitiesIn('conv-anna').filter((activity) => isReminder(activity.text))).toHaveLength(1);

    expect((await citizen.say('ja'))[0]).toMatch(/Det tager et par minutter/);
    // Her message was her reaction: the reminder counts as answered, and a silence would be lifted.
    expect((await app.db.prisma.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).answeredAt).not.toBeNull();
    await app.db.prisma.citizen.update({ where: { id: citizenId }, data: { schedule: { silenced: true } } });
    await citizen.say('stop');
    expect((await app.db.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } })).schedule).toMatchObject({ silenced: false });
  });

  it('when the channel answers 429 with Retry-After: 2 once, then the reminder is delivered once, not before 2 s', async () => {
    const { app, channel } = service;
    const citizenId = (await app.db.prisma.citizen.findFirstOrThrow({ where: { displayName: 'Anna' } })).id;
    const before = channel.textsIn('conv-anna').length;
    channel.failNext('conv-anna', 1, 429, '2');
    await staffApi(app, 'PUT', `/api/admin/citizens/${citizenId}/schedule`, { body: { nextCheckInAt: new Date().toISOString() } });
    await channel.waitForMessages('conv-anna', before + 1, 15_000);
    const refused = channel.refused.filter((failure) => failure.conversationId === 'conv-anna' && failure.status === 429);
    const delivered = channel.activitiesIn('conv-anna').filter((activity) => isReminder(activity.text)).at(-1);
    expect(refused).toHaveLength(1);
    expect((delivered?.receivedAt ?? 0) - (refused[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(channel.activitiesIn('conv-anna').slice(before).filter((activity) => isReminder(activity.text))).toHaveLength(1);
  });
});

describe('when the citizen has removed the bot', () => {
  const service = useServiceWithChannel({ SCHEDULER_CRON: '* * * * * *', ALERT_TICK_CRON: '* * * * * *' });

  it('when the channel answers 403, then there are no more attempts and the caseworker gets an alert', async () => {
    const { app, channel } = service;
    await staffApi(app, 'PUT', '/api/admin/settings', { body: NO_QUIET_HOURS });
    const { citizenId } = await metteAndAnna(app, channel);
    const metteBefore = channel.activitiesIn('conv-mette').length;
    channel.failNext('conv-anna', 1, 403);
    await staffApi(app, 'PUT', `/api/admin/citizens/${citizenId}/schedule`, { body: { nextCheckInAt: new Date().toISOString() } });
    await channel.waitForMessages('conv-mette', metteBefore + 1, 10_000);
    expect(channel.activitiesIn('conv-mette').at(-1)?.text).toMatch(/Kan ikke nås i chatten fra Anna/);
    const reminder = await app.db.prisma.reminder.findFirstOrThrow({ where: { citizenId, payload: { path: ['adHoc'], equals: true } }, include: { attemptLog: true } });
    await vi.waitFor(async () => expect((await app.db.prisma.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).status).toBe('FAILED'));
    expect(reminder.attemptLog.map((attempt) => [attempt.outcome, attempt.status])).toEqual([['unreachable', 403]]);
    expect(channel.refused.filter((failure) => failure.conversationId === 'conv-anna')).toHaveLength(1);
    const identity = await app.db.prisma.channelIdentity.findFirstOrThrow({ where: { citizenId } });
    expect(identity.unreachableSince).not.toBeNull();
  });
});

describe.skipIf(skipWithoutPostgres)('two instances on one PostgreSQL', () => {
  it('when 1,000 reminders fall due at once, then each is delivered exactly once', async () => {
    const scratch = await createScratchDatabase();
    const channel = new StandInChannel();
    await channel.start();
    const env = { DATABASE_URL: scratch.url, SCHEDULER_CRON: '* * * * * *', REMINDER_SENDS_PER_SECOND: '50' };
    const [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
    try {
      const { prisma } = a!.db;
      const ids = await seedReachableCitizens(prisma, channel.serviceUrl, 1000);
      await agreeAll(prisma, ids);
      await prisma.reminder.createMany({ data: ids.map((citizenId) => ({ citizenId, kind: 'checkIn', dueAt: new Date(), payload: { adHoc: true } })) });

      await channel.waitUntil(() => new Set(channel.received.map((activity) => activity.conversationId)).size >= 1000, 90_000);
      const perConversation = new Map<string, number>();
      for (const activity of channel.received) perConversation.set(activity.conversationId, (perConversation.get(activity.conversationId) ?? 0) + 1);
      expect([...perConversation.values()].every((count) => count === 1)).toBe(true);
      await vi.waitFor(async () => expect(await prisma.reminder.count({ where: { status: 'SENT', payload: { path: ['adHoc'], equals: true } } })).toBe(1000), { timeout: 10_000 });
      expect(await prisma.reminderAttempt.count()).toBe(1000);
    } finally {
      await Promise.all([a?.stop(), b?.stop()]);
      await channel.stop();
      await scratch.drop();
    }
  });
});
