import type { PrismaClient } from '../../bot/data/generated/client.js';
import { isoWeekOf } from '../../domain/hours.js';

const ZONE = 'Europe/Copenhagen';

/**
 * What a citizen has told the bot over a few weeks, written straight into the tables the dialogs write to:
 * a goal with two small steps (one done), three ranked barriers with what would help, two check-ins (the second
 * with a skipped item), weekly hours, and the caseworker's factor F. Messages are left to the test to exchange for real.
 */
export async function tellCitizenStory(prisma: PrismaClient, citizenId: string, caseworkerId: string, now = new Date()): Promise<void> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  await prisma.goal.create({
    data: {
      citizenId,
      text: 'Arbejde i en butik',
      createdAt: daysAgo(40),
      steps: {
        create: [
          { text: 'Ringe til Netto om praktik', status: 'DONE', completedAt: daysAgo(20), createdAt: daysAgo(39) },
          { text: 'Skrive et CV', dueDate: new Date(daysAgo(-10).toISOString().slice(0, 10)), createdAt: daysAgo(10) },
        ],
      },
    },
  });
  const barriers = [
    { key: 'transport', rank: 1, whatWouldHelp: 'Et buskort' },
    { key: 'selfBelief', rank: 2, whatWouldHelp: null },
    { key: 'money', rank: 3, whatWouldHelp: 'Hjælp til et budget' },
  ];
  for (const [index, barrier] of barriers.entries()) {
    await prisma.barrier.create({ data: { citizenId, ...barrier, createdAt: new Date(daysAgo(30).getTime() + index) } });
  }
  const checkIn = (at: Date, options: Array<number | null>) =>
    prisma.checkIn.create({
      data: {
        citizenId,
        bankVersion: 'star-2017-progression-v1',
        itemIds: ['A1', 'B1', 'C1', 'D1', 'E1'],
        status: 'COMPLETED',
        startedAt: at,
        completedAt: at,
        answers: { create: ['A1', 'B1', 'C1', 'D1', 'E1'].map((itemId, i) => ({ itemId, optionIndex: options[i] ?? null, answeredAt: at })) },
      },
    });
  await checkIn(daysAgo(42), [2, 2, 1, 3, 1]);
  await checkIn(daysAgo(2), [1, null, 1, 2, 0]);
  await prisma.hoursReport.createMany({
    data: [
      // A week apart, so never two in one ISO week.
      { citizenId, isoWeek: isoWeekOf(daysAgo(14), ZONE), hours: 4, createdAt: daysAgo(14) },
      { citizenId, isoWeek: isoWeekOf(daysAgo(7), ZONE), hours: 7.5, createdAt: daysAgo(7) },
      { citizenId, isoWeek: isoWeekOf(daysAgo(0), ZONE), hours: 12, createdAt: daysAgo(0) },
    ],
  });
  await prisma.assessment.create({ data: { citizenId, staffId: caseworkerId, score: 3, note: 'Mere energi end sidst', at: daysAgo(1) } });
}

