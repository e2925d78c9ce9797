import type { AddressInfo } from 'node:net';
import { ActivityHandler, ConversationState, MemoryStorage, type StatePropertyAccessor } from 'botbuilder';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import { loadConfig } from '../../bot/config.js';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import { BotStateStorage } from '../../bot/data/botStateStorage.js';
import type { Database } from '../../bot/data/database.js';
import { EmbeddedTurnSerializer, InProcessTurnSerializer, PostgresTurnSerializer, type TurnSerializer } from '../../bot/data/turnSerializer.js';
import { conversationKey } from '../../bot/http/inboundActivity.js';
import { createHttpServer } from '../../bot/http/server.js';
import { PrismaCheckInStore } from '../../bot/citizens/checkInStore.js';
import { createLogger } from '../../bot/logger.js';
import { translator } from '../../locales/i18n.js';
import { PeopleDirectory } from '../../bot/people/peopleDirectory.js';
import { openMigratedDatabase } from '../support/database.js';
import { createScratchDatabase, skipWithoutPostgres } from '../support/postgres.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

/** A bot whose every turn reads, bumps and saves a counter in conversation state: lost updates show as a low count. */
class CountingBot extends ActivityHandler {
  private readonly count: StatePropertyAccessor<number>;
  constructor(private readonly state: ConversationState) {
    super();
    this.count = state.createProperty<number>('count');
    this.onMessage(async (context, next) => {
      const count = (await this.count.get(context, 0)) + 1;
      await this.count.set(context, count);
      await context.sendActivity(`count ${count}`);
      await next();
    });
  }
  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context);
  }
}

interface Instance {
  url: string;
  server: restify.Server;
  serializer: TurnSerializer;
}

/** An instance as the service composes one: the serializer reads ahead through the same storage the state uses. */
async function startInstance(
  db: Database,
  serializerFor: (storage: BotStateStorage) => TurnSerializer,
  botFor: (storage: BotStateStorage) => ActivityHandler = (storage) => new CountingBot(new ConversationState(storage)),
): Promise<Instance> {
  const logger = createLogger('silent');
  const storage = new BotStateStorage(db.pool, db.cipher);
  const serializer = serializerFor(storage);
  const server = createHttpServer({
    adapter: createAdapter(loadConfig({}), logger),
    bot: botFor(storage),
    serializer,
    isReady: async () => true,
    maxBodyBytes: 100_000,
    logger,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, serializer };
}

async function stopInstance(instance: Instance): Promise<void> {
  await instance.serializer.close();
  await new Promise<void>((resolve) => instance.server.close(() => resolve()));
}

async function fireTwenty(instances: Instance[], channel: StandInChannel, conversationId: string): Promise<string[]> {
  const users = instances.map((instance) => new ChannelUser(instance.url, channel, 'double-tapper', conversationId));
  const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => users[i % users.length]!.post(`tap ${i}`)));
  expect(responses.every((response) => response.status === 200)).toBe(true);
  return channel.waitForMessages(conversationId, 20);
}

describe('turns of one conversation', () => {
  const channel = new StandInChannel();
  beforeAll(() => channel.start());
  afterAll(() => channel.stop());

  it('when 20 messages arrive at once in one conversation, then all 20 take effect, in turn', async () => {
    const db = await openMigratedDatabase();
    const instance = await startInstance(db, (storage) => new EmbeddedTurnSerializer(db.pool, [storage.readAhead]));
    const replies = await fireTwenty([instance], channel, 'conv-burst');
    expect(replies.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `count ${i + 1}`).sort());
    await stopInstance(instance);
    await db.close();
  });

  it('when a turn that left an answer for its end fails and the adapter catches the error, then the person is told and the answer is not stored', async () => {
    const db = await openMigratedDatabase();
    const staff = await db.prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Mette', email: 'mette@example.dk', role: 'CASEWORKER' } });
    const citizen = await db.prisma.citizen.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: 'Ole', caseworkerId: staff.id } });
    const checkIns = new PrismaCheckInStore(db.prisma, db.pool);
    const { checkInId } = await checkIns.start(citizen.id);
    const failsAfterAnswering = new ActivityHandler();
    failsAfterAnswering.onMessage(async (context) => {
      await checkIns.answer(checkInId, 'A1', 2, context.activity);
      throw new Error('the next question could not be sent');
    });
    const instance = await startInstance(db, (storage) => new EmbeddedTurnSerializer(db.pool, [storage.readAhead]), () => failsAfterAnswering);
    const user = new ChannelUser(instance.url, channel, 'ole', 'conv-fails');

    expect((await user.post('2')).status).toBe(200);

    expect(await channel.waitForMessages('conv-fails', 1)).toEqual([translator('da')('errors.turn')]);
    expect((await db.pool.query('SELECT 1 FROM "CheckInAnswer" WHERE "checkInId" = $1', [checkInId])).rowCount).toBe(0);
    await stopInstance(instance);
    await db.close();
  });

  it('when different conversations run at once, then one slow conversation does not hold up another', async () => {
    const serializer = new InProcessTurnSerializer();
    let releaseSlow!: () => void;
    const slow = serializer.run({ conversationKey: 'a' }, () => new Promise<string>((resolve) => (releaseSlow = () => resolve('slow'))));
    const fast = await serializer.run({ conversationKey: 'b' }, async () => 'fast');
    expect(fast).toBe('fast');
    releaseSlow();
    expect(await slow).toBe('slow');
  });

  it('when a turn fails, then the next turn of that conversation still runs', async () => {
    const serializer = new InProcessTurnSerializer();
    const failed = serializer.run({ conversationKey: 'a' }, async () => {
      throw new Error('boom');
    });
    const next = serializer.run({ conversationKey: 'a' }, async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });

  describe.skipIf(skipWithoutPostgres)('across two instances on PostgreSQL', () => {
    it('when 20 messages of one conversation are split over two instances, then all 20 take effect', async () => {
      const scratch = await createScratchDatabase();
      const dbA = await openMigratedDatabase(scratch.url);
      const dbB = await openMigratedDatabase(scratch.url, dbA.cipher);
      const a = await startInstance(dbA, (storage) => new PostgresTurnSerializer(scratch.url, 4, [storage.readAhead]));
      const b = await startInstance(dbB, (storage) => new PostgresTurnSerializer(scratch.url, 4, [storage.readAhead]));
      const replies = await fireTwenty([a, b], channel, 'conv-two-instances');
      expect(replies.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `count ${i + 1}`).sort());
      await stopInstance(a);
      await stopInstance(b);
      await dbA.close();
      await dbB.close();
      await scratch.drop();
    });

    it('when a conversation has state, then its next turn reads and writes it in the lock\'s two round trips: the state pool sees nothing', async () => {
      const scratch = await createScratchDatabase();
      const db = await openMigratedDatabase(scratch.url);
      let lockRoundTrips = 0;
      const instance = await startInstance(db, (storage) => new PostgresTurnSerializer(scratch.url, 4, [storage.readAhead], () => (lockRoundTrips += 1)));
      const user = new ChannelUser(instance.url, channel, 'reader', 'conv-read-ahead');
      expect((await user.post('first')).status).toBe(200);
      await channel.waitForMessages('conv-read-ahead', 1);
      const statePool: string[] = [];
      const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
      db.pool.query = ((...args: unknown[]) => (statePool.push(String(args[0]).trim().split(/\s+/)[0] ?? ''), query(...args))) as typeof db.pool.query;
      lockRoundTrips = 0;

      expect((await user.post('second')).status).toBe(200);

      expect(await channel.waitForMessages('conv-read-ahead', 2)).toEqual(['count 1', 'count 2']);
      expect(statePool).toEqual([]);
      expect(lockRoundTrips).toBe(2);
      await stopInstance(instance);
      await db.close();
      await scratch.drop();
    });

    it('when the server ends a turn\'s connection mid-turn, then the turn fails, the process lives on and the next turn reads the last committed state', async () => {
      const scratch = await createScratchDatabase();
      const db = await openMigratedDatabase(scratch.url);
      const storage = new BotStateStorage(db.pool, db.cipher);
      const serializer = new PostgresTurnSerializer(scratch.url, 2, [storage.readAhead]);
      const turn = { conversationKey: 'test/conversations/cut/', channelId: 'test', userId: 'cut' };
      await serializer.run(turn, () => storage.write({ [turn.conversationKey]: { step: 1, eTag: '*' } }));

      const failed = serializer.run(turn, async () => {
        await storage.write({ [turn.conversationKey]: { step: 2, eTag: '*' } });
        // The only advisory lock in this scratch database is the turn's own.
        await db.pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
      });

      await expect(failed).rejects.toThrow();
      const state = await serializer.run(turn, () => storage.read([turn.conversationKey]));
      expect(state[turn.conversationKey]).toMatchObject({ step: 1 });
      await serializer.close();
      await db.close();
      await scratch.drop();
    });
  });
});

describe.each([
  { database: 'the embedded database', skip: false },
  { database: 'PostgreSQL', skip: skipWithoutPostgres },
])('one turn on $database: read ahead, written at its end, check-in answers with it', ({ database, skip }) => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let db: Database;
  let storage: BotStateStorage;
  let people: PeopleDirectory;
  let serializer: TurnSerializer;
  let checkIns: PrismaCheckInStore;
  let checkInId: string;
  // Quotes and backslashes travel as bound values in the turn's batches.
  const answering = { channelId: 'web', conversation: { id: "o'brien\\x" } };
  const turn = { conversationKey: conversationKey(answering), channelId: 'web', userId: "o'brien\\" };
  const storedAnswers = async () =>
    (await db.pool.query<{ itemId: string; optionIndex: number | null }>('SELECT "itemId", "optionIndex" FROM "CheckInAnswer" WHERE "checkInId" = $1 ORDER BY "itemId"', [checkInId])).rows;
  const storedState = async () => {
    const [row] = (await db.pool.query<{ data: object }>('SELECT data FROM "BotState" WHERE key = $1', [turn.conversationKey])).rows;
    return row && db.cipher.openDeep(row.data);
  };

  beforeAll(async () => {
    if (skip) return;
    scratch = database === 'PostgreSQL' ? await createScratchDatabase() : undefined;
    db = await openMigratedDatabase(scratch?.url);
    storage = new BotStateStorage(db.pool, db.cipher);
    people = new PeopleDirectory(db.prisma, db.pool);
    const readsAhead = [storage.readAhead, people.readAhead];
    serializer = scratch ? new PostgresTurnSerializer(scratch.url, 2, readsAhead) : new EmbeddedTurnSerializer(db.pool, readsAhead);
    const staff = await db.prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'Mette', email: 'mette@example.dk', role: 'CASEWORKER' } });
    const citizen = await db.prisma.citizen.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: 'Ole', caseworkerId: staff.id } });
    await db.prisma.channelIdentity.create({ data: { channelId: turn.channelId, userId: turn.userId, citizenId: citizen.id, conversationReference: {} } });
    checkIns = new PrismaCheckInStore(db.prisma, db.pool);
    checkInId = (await checkIns.start(citizen.id)).checkInId;
  });
  afterAll(async () => {
    if (skip) return;
    await serializer.close();
    await db.close();
    await scratch?.drop();
  });

  it.skipIf(skip)('when a turn writes its state, then it reaches the database when the turn ends, and every later read in the turn sees it', async () => {
    await storage.write({ 'other/key/': { mine: false } });
    await serializer.run(turn, async () => {
      await storage.write({ [turn.conversationKey]: { step: 1, eTag: '*' } });
      expect(await storedState()).toBeUndefined();
      expect(await storage.read([turn.conversationKey])).toMatchObject({ [turn.conversationKey]: { step: 1 } });
      expect(await storage.read([turn.conversationKey, 'other/key/'])).toMatchObject({ [turn.conversationKey]: { step: 1 }, 'other/key/': { mine: false } });
    });
    expect(await storedState()).toEqual({ step: 1 });
  });

  it.skipIf(skip)('when a turn asks who is writing, then its first round trip already read it: the pool is asked only the second time', async () => {
    const asked: string[] = [];
    const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
    const [first, second] = await serializer.run(turn, async () => {
      db.pool.query = ((...args: unknown[]) => (asked.push(String(args[0])), query(...args))) as typeof db.pool.query;
      const found = [await people.find(turn.channelId, turn.userId), await people.find(turn.channelId, turn.userId)];
      db.pool.query = query as typeof db.pool.query;
      return found;
    });
    expect(first).toMatchObject({ kind: 'citizen', name: 'Ole' });
    expect(second).toEqual(first);
    expect(asked).toHaveLength(1);
  });

  it.skipIf(skip)('when a turn fails, then its state write is dropped and the next turn of the conversation runs', async () => {
    const failed = serializer.run(turn, async () => {
      await storage.write({ [turn.conversationKey]: { step: 2, eTag: '*' } });
      throw new Error('dialog failed');
    });
    await expect(failed).rejects.toThrow('dialog failed');
    const state = await serializer.run(turn, () => storage.read([turn.conversationKey]));
    expect(state[turn.conversationKey]).toMatchObject({ step: 1 });
  });

  it.skipIf(skip)('when a turn deletes its state after writing it, then the turn\'s end does not bring it back', async () => {
    await serializer.run(turn, async () => {
      await storage.write({ [turn.conversationKey]: { step: 3, eTag: '*' } });
      await storage.delete([turn.conversationKey]);
      expect(await storage.read([turn.conversationKey])).toEqual({});
    });
    expect(await storedState()).toBeUndefined();
  });

  it.skipIf(skip)('when a turn answers, then the answer is stored when the turn ends, with its state; a second answer to the item replaces the first', async () => {
    await serializer.run(turn, async () => {
      await checkIns.answer(checkInId, 'A1', 3, answering);
      await checkIns.answer(checkInId, 'A1', 1, answering);
      await checkIns.answer(checkInId, 'B1', null, answering);
      await storage.write({ [turn.conversationKey]: { asked: 'C1', eTag: '*' } });
      // State deleted in the turn (the citizen starts over): the answers given stay.
      await storage.delete([turn.conversationKey]);
      expect(await storedAnswers()).toEqual([]);
    });
    expect(await storedAnswers()).toEqual([
      { itemId: 'A1', optionIndex: 1 },
      { itemId: 'B1', optionIndex: null },
    ]);
  });

  it.skipIf(skip)('when a turn that answered fails, then neither its answer nor its state is stored', async () => {
    const failed = serializer.run(turn, async () => {
      await checkIns.answer(checkInId, 'C1', 2, answering);
      await storage.write({ [turn.conversationKey]: { asked: 'D1', eTag: '*' } });
      throw new Error('dialog failed');
    });
    await expect(failed).rejects.toThrow('dialog failed');
    expect((await storedAnswers()).map((answer) => answer.itemId)).toEqual(['A1', 'B1']);
    expect(await serializer.run(turn, () => storage.read([turn.conversationKey]))).toEqual({});
  });

  it.skipIf(skip)('when an answer is not an option index, then it is refused at once and nothing is left for the turn\'s end', async () => {
    await serializer.run(turn, async () => {
      await expect(checkIns.answer(checkInId, 'C1', Number.NaN, answering)).rejects.toThrow(RangeError);
      await expect(checkIns.answer(checkInId, 'C1', 1.5, answering)).rejects.toThrow(RangeError);
    });
    expect((await storedAnswers()).map((answer) => answer.itemId)).toEqual(['A1', 'B1']);
  });

  it.skipIf(skip)('when an answer names no turn, or its conversation runs no turn here, then it is stored at once', async () => {
    await serializer.run(turn, async () => {
      await checkIns.answer(checkInId, 'C1', 0);
      await checkIns.answer(checkInId, 'D1', 4, { channelId: 'web', conversation: { id: 'another' } });
      expect((await storedAnswers()).map((answer) => answer.itemId)).toEqual(['A1', 'B1', 'C1', 'D1']);
    });
  });
});

describe('the conversation key', () => {
  it('when turns are locked, then under the very key botbuilder keeps the conversation\'s state', () => {
    const activity = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: 'u' }, conversation: { id: 'a:1' } };
    const state = new ConversationState(new MemoryStorage());
    expect(conversationKey(activity)).toBe(state.getStorageKey({ activity } as never));
  });
});
