import { todayIn } from '../../domain/dates.js';
import { itemsForCheckIn, QUESTION_BANK } from '../../domain/questionBank/index.js';
import type { CheckInStore, OpenCheckIn, TurnConversation } from '../../dialogs/services.js';
import type pg from 'pg';
import type { PrismaClient } from '../data/generated/client.js';
import { preparedStatement, queryBatch } from '../data/preparedStatements.js';
import { writeAtTurnEnd } from '../data/turnSerializer.js';
import { conversationKey } from '../http/inboundActivity.js';
import { readOrganisationSettings } from '../settings/organisationSettings.js';

/** An answer (check-in, item, option or null, when), replacing an earlier one to the same item. */
const SAVE_ANSWER = preparedStatement(
  'save_answer',
  `INSERT INTO "CheckInAnswer" (id, "checkInId", "itemId", "optionIndex", "answeredAt")
   VALUES (gen_random_uuid()::text, $1, $2, $3, $4::timestamptz AT TIME ZONE 'UTC')
   ON CONFLICT ("checkInId", "itemId") DO UPDATE SET "optionIndex" = EXCLUDED."optionIndex", "answeredAt" = EXCLUDED."answeredAt"`,
);

/** The item ids a check-in was started with live in the row's bank version plus its answers; the plan is stored on start. */
export class PrismaCheckInStore implements CheckInStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: Pick<pg.Pool, 'connect'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async openToday(citizenId: string): Promise<OpenCheckIn | undefined> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    const open = await this.prisma.checkIn.findMany({ where: { citizenId, status: 'IN_PROGRESS' }, include: { answers: true }, orderBy: { startedAt: 'desc' } });
    const today = todayIn(citizen.timeZone, this.now());
    let resumable: OpenCheckIn | undefined;
    for (const checkIn of open) {
      if (!resumable && todayIn(citizen.timeZone, checkIn.startedAt) === today) {
        resumable = { checkInId: checkIn.id, itemIds: checkIn.itemIds, answeredItemIds: checkIn.answers.map((answer) => answer.itemId) };
      } else {
        // A check-in left unfinished on an earlier day counts with what was answered.
        await this.prisma.checkIn.update({ where: { id: checkIn.id }, data: { status: 'PARTIAL', completedAt: this.now() } });
      }
    }
    return resumable;
  }

  async start(citizenId: string): Promise<OpenCheckIn> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    const { checkInItems } = await readOrganisationSettings(this.prisma, citizen.organisationId);
    const chosen = (citizen.programme && checkInItems.byProgramme[citizen.programme]) || checkInItems.default;
    const itemIds = itemsForCheckIn(QUESTION_BANK, chosen).map((item) => item.id);
    const checkIn = await this.prisma.checkIn.create({ data: { citizenId, bankVersion: QUESTION_BANK.version, itemIds, startedAt: this.now() } });
    return { checkInId: checkIn.id, itemIds, answeredItemIds: [] };
  }

  /** One statement: in the turn's closing batch when the turn is given and runs here, else on its own. */
  async answer(checkInId: string, itemId: string, optionIndex: number | null, withTurnOf?: TurnConversation): Promise<void> {
    // Refused here, where the fault is: left for the turn's end it would fail the state's write with it.
    if (optionIndex !== null && !Number.isSafeInteger(optionIndex)) throw new RangeError('A check-in answer is an option index or none');
    const write = { statement: SAVE_ANSWER, values: [checkInId, itemId, optionIndex, this.now().toISOString()] };
    if (withTurnOf && writeAtTurnEnd(conversationKey(withTurnOf), { key: `answer ${checkInId} ${itemId}`, write })) return;
    await queryBatch(this.pool, [write]);
  }

  async finish(checkInId: string): Promise<void> {
    await this.prisma.checkIn.update({ where: { id: checkInId }, data: { status: 'COMPLETED', completedAt: this.now() } });
  }

  async abandon(checkInId: string): Promise<void> {
    await this.prisma.checkIn.update({ where: { id: checkInId }, data: { status: 'PARTIAL', completedAt: this.now() } });
  }

  async hoursReported(citizenId: string, isoWeek: string): Promise<boolean> {
    return (await this.prisma.hoursReport.count({ where: { citizenId, isoWeek } })) > 0;
  }

  async recordHours(citizenId: string, isoWeek: string, hours: number): Promise<void> {
    await this.prisma.hoursReport.upsert({
      where: { citizenId_isoWeek: { citizenId, isoWeek } },
      create: { citizenId, isoWeek, hours },
      update: { hours },
    });
  }
}
