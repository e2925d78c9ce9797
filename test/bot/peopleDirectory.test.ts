import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import type { Database } from '../../bot/data/database.js';
import { PeopleDirectory } from '../../bot/people/peopleDirectory.js';
import { openMigratedDatabase } from '../support/database.js';

const reference = (activityId: string, serviceUrl = 'https://smba.trafficmanager.net/emea/') => ({
  activityId,
  user: { id: 'anna', name: 'Anna' },
  bot: { id: 'ledsager-bot', name: 'Ledsager' },
  conversation: { id: 'conv-anna' },
  channelId: 'msteams',
  serviceUrl,
});

describe('who is writing, and their conversation reference', () => {
  let db: Database;
  let now: Date;
  let people: PeopleDirectory;
  let identityId: string;
  const stored = async () => db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: identityId } });

  beforeAll(async () => {
    db = await openMigratedDatabase();
    now = new Date();
    people = new PeopleDirectory(db.prisma, db.pool, () => now);
    const staff = await db.prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Mette', email: 'mette@example.dk', role: 'CASEWORKER' } });
    const citizen = await db.prisma.citizen.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: 'Anna', caseworkerId: staff.id } });
    identityId = (await db.prisma.channelIdentity.create({ data: { channelId: 'msteams', userId: 'anna', citizenId: citizen.id, conversationReference: reference('m-1') } })).id;
  });
  afterAll(async () => {
    await db.close();
  });

  it('when an enrolled citizen writes, then one lookup finds them with their name, language and time zone', async () => {
    expect(await people.find('msteams', 'anna')).toMatchObject({ kind: 'citizen', identityId, name: 'Anna', locale: 'da', timeZone: 'Europe/Copenhagen' });
    expect(await people.find('msteams', 'somebody-else')).toBeUndefined();
  });

  it('when the same chat writes again within the hour, then the stored reference is not rewritten; a new service URL is', async () => {
    const before = await stored();
    await people.rememberReference((await people.find('msteams', 'anna'))!, reference('m-2'));
    expect((await stored()).updatedAt).toEqual(before.updatedAt);

    await people.rememberReference((await people.find('msteams', 'anna'))!, reference('m-3', 'https://smba.trafficmanager.net/amer/'));
    expect((await stored()).conversationReference).toMatchObject({ serviceUrl: 'https://smba.trafficmanager.net/amer/', activityId: 'm-3' });
  });

  it('when an hour has passed, or the chat was marked unreachable, then the reference is written again', async () => {
    now = new Date(Date.now() + 2 * 3_600_000);
    await people.rememberReference((await people.find('msteams', 'anna'))!, reference('m-4', 'https://smba.trafficmanager.net/amer/'));
    expect((await stored()).conversationReference).toMatchObject({ activityId: 'm-4' });

    now = new Date();
    await db.prisma.channelIdentity.update({ where: { id: identityId }, data: { unreachableSince: new Date() } });
    await people.rememberReference((await people.find('msteams', 'anna'))!, reference('m-5', 'https://smba.trafficmanager.net/amer/'));
    expect(await stored()).toMatchObject({ unreachableSince: null, conversationReference: { activityId: 'm-5' } });
  });

  it('when a reminder waits for an answer, or reminders are silenced, then the lookup says the next message answers something; otherwise not', async () => {
    const citizenId = (await stored()).citizenId as string;
    expect((await people.find('msteams', 'anna'))?.awaitingReaction).toBe(false);
    const reminder = await db.prisma.reminder.create({ data: { citizenId, kind: 'pulse', dueAt: now, status: 'SENT', sentAt: now } });
    expect((await people.find('msteams', 'anna'))?.awaitingReaction).toBe(true);
    await db.prisma.reminder.update({ where: { id: reminder.id }, data: { answeredAt: now } });
    expect((await people.find('msteams', 'anna'))?.awaitingReaction).toBe(false);
    await db.prisma.citizen.update({ where: { id: citizenId }, data: { schedule: { silenced: true } } });
    expect((await people.find('msteams', 'anna'))?.awaitingReaction).toBe(true);
  });
});
