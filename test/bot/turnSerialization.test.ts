import type { AddressInfo } from 'node:net';
import { ActivityHandler, ConversationState, MemoryStorage, type StatePropertyAccessor } from 'botbuilder';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import { loadConfig } from '../../bot/config.js';
import { BotStateStorage } from '../../bot/data/botStateStorage.js';
import type { Database } from '../../bot/data/database.js';
import { InProcessTurnSerializer, PostgresTurnSerializer, type TurnSerializer } from '../../bot/data/turnSerializer.js';
import { conversationKey } from '../../bot/http/inboundActivity.js';
import { createHttpServer } from '../../bot/http/server.js';
import { createLogger } from '../../bot/logger.js';
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
async function startInstance(db: Database, serializerFor: (storage: BotStateStorage) => TurnSerializer): Promise<Instance> {
  const logger = createLogger('silent');
  const storage = new BotStateStorage(db.pool, db.cipher);
  const serializer = serializerFor(storage);
  const server = createHttpServer({
    adapter: createAdapter(loadConfig({}), logger),
    bot: new CountingBot(new ConversationState(storage)),
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
    const instance = await startInstance(db, () => new InProcessTurnSerializer());
    const replies = await fireTwenty([instance], channel, 'conv-burst');
    expect(replies.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `count ${i + 1}`).sort());
    await stopInstance(instance);
    await db.close();
  });

  it('when different conversations run at once, then one slow conversation does not hold up another', async () => {
    const serializer = new InProcessTurnSerializer();
    let releaseSlow!: () => void;
    const slow = serializer.run('a', () => new Promise<string>((resolve) => (releaseSlow = () => resolve('slow'))));
    const fast = await serializer.run('b', async () => 'fast');
    expect(fast).toBe('fast');
    releaseSlow();
    expect(await slow).toBe('slow');
  });

  it('when a turn fails, then the next turn of that conversation still runs', async () => {
    const serializer = new InProcessTurnSerializer();
    const failed = serializer.run('a', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });

  describe.skipIf(skipWithoutPostgres)('across two instances on PostgreSQL', () => {
    it('when 20 messages of one conversation are split over two instances, then all 20 take effect', async () => {
      const scratch = await createScratchDatabase();
      const dbA = await openMigratedDatabase(scratch.url);
      const dbB = await openMigratedDatabase(scratch.url, dbA.cipher);
      const a = await startInstance(dbA, (storage) => new PostgresTurnSerializer(scratch.url, 4, storage));
      const b = await startInstance(dbB, (storage) => new PostgresTurnSerializer(scratch.url, 4, storage));
      const replies = await fireTwenty([a, b], channel, 'conv-two-instances');
      expect(replies.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `count ${i + 1}`).sort());
      await stopInstance(a);
      await stopInstance(b);
      await dbA.close();
      await dbB.close();
      await scratch.drop();
    });

    it('when a conversation has state, then its next turn reads it with the lock: the state pool sees only the write', async () => {
      const scratch = await createScratchDatabase();
      const db = await openMigratedDatabase(scratch.url);
      let lockStatements = 0;
      const instance = await startInstance(db, (storage) => new PostgresTurnSerializer(scratch.url, 4, storage, () => (lockStatements += 1)));
      const user = new ChannelUser(instance.url, channel, 'reader', 'conv-read-ahead');
      expect((await user.post('first')).status).toBe(200);
      await channel.waitForMessages('conv-read-ahead', 1);
      const statePool: string[] = [];
      const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
      db.pool.query = ((...args: unknown[]) => (statePool.push(String(args[0]).trim().split(/\s+/)[0] ?? ''), query(...args))) as typeof db.pool.query;
      lockStatements = 0;

      expect((await user.post('second')).status).toBe(200);

      expect(await channel.waitForMessages('conv-read-ahead', 2)).toEqual(['count 1', 'count 2']);
      expect(statePool).toEqual(['INSERT']);
      expect(lockStatements).toBe(2);
      await stopInstance(instance);
      await db.close();
      await scratch.drop();
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
