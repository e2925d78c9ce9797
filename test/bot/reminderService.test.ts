import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import type { Database } from '../../bot/data/database.js';
import type { ProactiveMessenger } from '../../bot/messaging/proactiveMessenger.js';
import { Pacer } from '../../bot/reminders/pacer.js';
import { CitizenReminders } from '../../bot/reminders/citizenReminders.js';
import { ReminderService } from '../../bot/reminders/reminderService.js';
import type { RaiseAlert } from '../../dialogs/services.js';
import { openMigratedDatabase } from '../support/database.js';

describe('reminder service', () => {
  let db: Database;
  let citizenId: string;
  let now: Date;
  const sent: string[] = [];
  const alerts: RaiseAlert[] = [];
  let service: ReminderService;
  let citizenSide: CitizenReminders;

  beforeAll(async () => {
    db = await openMigratedDatabase();
    const { prisma } = db;
    await prisma.organisation.update({
      where: { id: DEFAULT_ORGANISATION_ID },
      data: { settings: { reminders: { checkInCadence: 'P6W', pulseCadence: 'P1D', quietHours: null, timeZone: 'Europe/Copenhagen', nonResponseThreshold: 3 } } },
    });
    const staff = await prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'M', email: 'm@x.dk', role: 'CASEWORKER' } });
    citizenId = (await prisma.citizen.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: 'Anna', caseworkerId: staff.id } })).id;
    await prisma.consentRecord.create({ data: { citizenId, decision: 'ACCEPTED', textVersion: 't' } });
    await prisma.channelIdentity.create({ data: { channelId: 'test', userId: 'anna', citizenId, conversationReference: { serviceUrl: 'http://127.0.0.1:1' } } });
    const messenger = { send: async (_reference: unknown, activity: { text?: string }) => void sent.push(activity.text ?? '') } as unknown as ProactiveMessenger;
    const recorder = { raise: async (alert: RaiseAlert) => (alerts.push(alert), { alertId: 'a', assigneeName: 'M', dueAt: new Date() }) };
    service = new ReminderService(prisma, messenger, recorder, new Pacer(1000), () => now);
    citizenSide = new CitizenReminders(prisma, db.pool, () => now);
  });
  beforeEach(async () => {
    sent.length = 0;
    alerts.length = 0;
    await db.prisma.reminderAttempt.deleteMany({});
    await db.prisma.reminder.deleteMany({});
    await db.prisma.citizen.update({ where: { id: citizenId }, data: { schedule: {} } });
    now = new Date('2026-11-23T10:00:00Z');
  });
  afterAll(async () => {
    await db.close();
  });

  it('when the service was down a week with a daily pulse, then one reminder is sent and the next is tomorrow', async () => {
    await db.prisma.reminder.create({ data: { citizenId, kind: 'pulse', dueAt: new Date('2026-11-16T10:00:00Z') } });
    await db.prisma.reminder.create({ data: { citizenId, kind: 'checkIn', dueAt: new Date('2026-12-20T10:00:00Z') } });
    const { sent: count } = await service.tick();
    expect(count).toBe(1);
    const pending = await db.prisma.reminder.findMany({ where: { citizenId, kind: 'pulse', status: 'PENDING' } });
    expect(pending.map((reminder) => reminder.dueAt.toISOString())).toEqual(['2026-11-24T10:00:00.000Z']);
    expect((await service.tick()).sent).toBe(0);
  });

  it('when three reminders in a row go unanswered, then the caseworker is asked to reach out and the citizen is not nagged', async () => {
    await db.prisma.reminder.create({ data: { citizenId, kind: 'checkIn', dueAt: new Date('2026-12-20T10:00:00Z') } });
    for (let day = 0; day < 3; day += 1) {
      await db.prisma.reminder.create({ data: { citizenId, kind: 'checkIn', dueAt: now, payload: { adHoc: true } } });
      await service.tick();
      now = new Date(now.getTime() + 86_400_000);
    }
    expect(sent).toHaveLength(3);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'outreach', severity: 'NORMAL', facts: { unansweredReminders: 3 } })]);
    const citizen = await db.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    expect(citizen.schedule).toMatchObject({ silenced: true });
    expect(await db.prisma.reminder.count({ where: { citizenId, status: 'PENDING' } })).toBe(0);
    await service.tick();
    expect(await db.prisma.reminder.count({ where: { citizenId, status: 'PENDING' } })).toBe(0);

    // Any message from the citizen lifts the silence; planning resumes.
    await citizenSide.noteActivity(citizenId);
    expect((await db.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } })).schedule).toMatchObject({ silenced: false });
    await service.tick();
    expect(await db.prisma.reminder.count({ where: { citizenId, status: 'PENDING' } })).toBeGreaterThan(0);
  });

  it('when reminders are paused, then pending ones are cancelled and nothing is planned until resumed', async () => {
    await service.tick();
    expect(await db.prisma.reminder.count({ where: { citizenId, status: 'PENDING' } })).toBe(2);
    await citizenSide.setPaused(citizenId, true);
    await service.tick();
    expect(await db.prisma.reminder.count({ where: { citizenId, status: 'PENDING' } })).toBe(0);
    await citizenSide.setPaused(citizenId, false);
    await service.tick();
    expect(await db.prisma.reminder.count({ where: { citizenId, status: 'PENDING' } })).toBe(2);
  });

  it('when postponed to tomorrow, then a new reminder is due the same time tomorrow and the old one counts as answered', async () => {
    const reminder = await db.prisma.reminder.create({ data: { citizenId, kind: 'checkIn', dueAt: now, status: 'SENT', sentAt: now } });
    expect(await citizenSide.pendingFor(citizenId)).toEqual({ reminderId: reminder.id, kind: 'checkIn' });
    const { until } = await citizenSide.respond(citizenId, reminder.id, 'tomorrow');
    expect(until).toBe('i morgen kl. 11:00');
    expect(await citizenSide.pendingFor(citizenId)).toBeUndefined();
    const next = await db.prisma.reminder.findFirstOrThrow({ where: { citizenId, status: 'PENDING' } });
    expect(next.dueAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('when open steps have due dates, then each from today on gets one reminder at 09:00 local, sent that morning with the step in it', async () => {
    const goal = await db.prisma.goal.create({ data: { citizenId, text: 'Komme i praktik' } });
    const step = (text: string, dueDate: string, status: 'OPEN' | 'DONE' = 'OPEN') =>
      db.prisma.subGoal.create({ data: { goalId: goal.id, text, dueDate: new Date(`${dueDate}T00:00:00Z`), status } });
    const today = await step('Svare jobcentret', '2026-11-23');
    const tomorrow = await step('Ringe til praktikstedet', '2026-11-24');
    const friday = await step('Købe busbillet', '2026-11-27');
    await step('Skrive CV', '2026-11-22');
    await step('Hente papirer', '2026-11-25', 'DONE');

    await service.tick();
    await service.tick();

    // Today's step (planned after 09:00) goes at once, and only once.
    expect(sent.filter((text) => text.includes('Svare jobcentret'))).toHaveLength(1);
    const planned = await db.prisma.reminder.findMany({ where: { citizenId, kind: 'step' }, orderBy: { dueAt: 'asc' } });
    expect(planned.map((reminder) => [reminder.payload, reminder.dueAt.toISOString()])).toEqual([
      [{ stepId: today.id }, '2026-11-23T08:00:00.000Z'],
      [{ stepId: tomorrow.id }, '2026-11-24T08:00:00.000Z'],
      [{ stepId: friday.id }, '2026-11-27T08:00:00.000Z'],
    ]);

    now = new Date('2026-11-24T08:00:30Z');
    sent.length = 0;
    await service.tick();
    expect(sent.filter((text) => text.includes('Ringe til praktikstedet'))).toHaveLength(1);
    expect(sent.some((text) => text.includes('Købe busbillet'))).toBe(false);
  });
});
