import { type BarrierKey, citizenOrder, isBarrierKey } from '../../domain/barriers.js';
import type { BarrierStore, BarrierView } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';

export class PrismaBarrierStore implements BarrierStore {
  constructor(private readonly prisma: PrismaClient) {}

  async current(citizenId: string): Promise<BarrierView[]> {
    const rows = await this.prisma.barrier.findMany({ where: { citizenId, supersededAt: null }, orderBy: { createdAt: 'asc' } });
    const chosen = rows
      .filter((row) => isBarrierKey(row.key))
      .map((row, chosenOrder) => ({
        key: row.key as BarrierKey,
        otherText: row.otherText,
        rank: row.rank,
        whatWouldHelp: row.whatWouldHelp,
        chosenOrder,
      }));
    return citizenOrder(chosen).map(({ chosenOrder: _order, ...view }) => view);
  }

  /** Supersedes the current choice and records the new one, in the order given. */
  async choose(citizenId: string, chosen: Array<{ key: BarrierKey; otherText?: string }>): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      await tx.barrier.updateMany({ where: { citizenId, supersededAt: null }, data: { supersededAt: now } });
      // Distinct timestamps keep the chosen order readable from createdAt.
      for (const [index, barrier] of chosen.entries()) {
        await tx.barrier.create({
          data: { citizenId, key: barrier.key, otherText: barrier.otherText ?? null, createdAt: new Date(now.getTime() + index) },
        });
      }
    });
  }

  async rank(citizenId: string, ordered: BarrierKey[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.barrier.updateMany({ where: { citizenId, supersededAt: null }, data: { rank: null } });
      for (const [index, key] of ordered.entries()) {
        await tx.barrier.updateMany({ where: { citizenId, supersededAt: null, key }, data: { rank: index + 1 } });
      }
    });
  }

  async setHelp(citizenId: string, key: BarrierKey, whatWouldHelp: string): Promise<void> {
    await this.prisma.barrier.updateMany({ where: { citizenId, supersededAt: null, key }, data: { whatWouldHelp } });
  }
}
