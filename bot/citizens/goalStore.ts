import type { IsoDate } from '../../domain/dates.js';
import type { GoalStatus, GoalStore, GoalView, StepView } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';

function toStep(step: { id: string; text: string; dueDate: Date | null; status: StepView['status'] }): StepView {
  return { id: step.id, text: step.text, dueDate: step.dueDate ? step.dueDate.toISOString().slice(0, 10) : null, status: step.status };
}

/** A calendar date stored in a DATE column: midnight UTC of that date, so no zone can shift it. */
function toDateColumn(date: IsoDate | null): Date | null {
  return date ? new Date(`${date}T00:00:00.000Z`) : null;
}

export class PrismaGoalStore implements GoalStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(citizenId: string): Promise<GoalView[]> {
    const goals = await this.prisma.goal.findMany({
      where: { citizenId, status: { not: 'DROPPED' } },
      orderBy: { createdAt: 'asc' },
      include: { steps: { where: { status: { not: 'DROPPED' } }, orderBy: { createdAt: 'asc' } } },
    });
    return goals.map((goal) => ({ id: goal.id, text: goal.text, status: goal.status as GoalStatus, steps: goal.steps.map(toStep) }));
  }

  async addGoal(citizenId: string, text: string, origin: 'own' | 'work' | 'wish'): Promise<GoalView> {
    const goal = await this.prisma.goal.create({ data: { citizenId, text, origin } });
    return { id: goal.id, text: goal.text, status: 'ACTIVE', steps: [] };
  }

  async addStep(citizenId: string, goalId: string, text: string, dueDate: IsoDate | null): Promise<StepView> {
    const goal = await this.prisma.goal.findFirst({ where: { id: goalId, citizenId } });
    if (!goal) throw new Error('Goal not found for this citizen');
    return toStep(await this.prisma.subGoal.create({ data: { goalId, text, dueDate: toDateColumn(dueDate) } }));
  }

  async updateStep(
    citizenId: string,
    stepId: string,
    change: { text?: string; dueDate?: IsoDate | null; status?: 'DONE' | 'DROPPED' },
  ): Promise<void> {
    const updated = await this.prisma.subGoal.updateMany({
      where: { id: stepId, goal: { citizenId } },
      data: {
        ...(change.text !== undefined ? { text: change.text } : {}),
        ...(change.dueDate !== undefined ? { dueDate: toDateColumn(change.dueDate) } : {}),
        ...(change.status ? { status: change.status, completedAt: change.status === 'DONE' ? new Date() : null } : {}),
      },
    });
    if (updated.count !== 1) throw new Error('Step not found for this citizen');
  }

  async updateGoal(citizenId: string, goalId: string, change: { text?: string; status?: GoalStatus | 'DROPPED' }): Promise<void> {
    const updated = await this.prisma.goal.updateMany({
      where: { id: goalId, citizenId },
      data: { ...(change.text !== undefined ? { text: change.text } : {}), ...(change.status ? { status: change.status } : {}) },
    });
    if (updated.count !== 1) throw new Error('Goal not found for this citizen');
  }
}
