import { type Activity, MemoryStorage, type StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../bot/data/conversationMemory.js';

/** MemoryStorage that remembers every write it was given. */
class CountingStorage extends MemoryStorage {
  readonly writes: StoreItems[] = [];

  override write(changes: StoreItems): Promise<void> {
    this.writes.push(structuredClone(changes));
    return super.write(changes);
  }
}

const adapter = new TestAdapter();
const turn = () =>
  new TurnContext(adapter, {
    type: 'message',
    channelId: 'test',
    conversation: { id: 'conversation-1' },
    from: { id: 'citizen' },
    recipient: { id: 'bot' },
    text: 'hej',
  } as Activity);

function setUp() {
  const storage = new CountingStorage();
  const memory = new ConversationMemory(storage);
  const steps = memory.createProperty<number>('steps');
  /** A whole earlier turn that set `steps` and saved. */
  const turnSetting = async (value: number) => {
    const context = turn();
    await steps.set(context, value);
    await memory.saveChanges(context);
  };
  return { storage, memory, steps, turnSetting };
}

describe('ConversationMemory', () => {
  it('when a turn changes a property, then the state is written once as an overwrite and the next turn reads it', async () => {
    const { storage, memory, steps } = setUp();
    const first = turn();
    await steps.set(first, 3);
    await memory.saveChanges(first);
    await memory.saveChanges(first);
    expect(storage.writes).toHaveLength(1);
    expect(Object.values(storage.writes[0] ?? {})[0]).toMatchObject({ steps: 3, eTag: '*' });
    expect(await steps.get(turn())).toBe(3);
  });

  it('when a turn only reads, then nothing is written, although the stored eTag is not the one read', async () => {
    const { storage, memory, steps, turnSetting } = setUp();
    await turnSetting(1);
    const second = turn();
    expect(await steps.get(second)).toBe(1);
    await memory.saveChanges(second);
    expect(storage.writes).toHaveLength(1);
  });

  it('when a value deep in the state changes, then it is written', async () => {
    const { storage, memory } = setUp();
    const answers = memory.createProperty<{ given: number[] }>('answers');
    const first = turn();
    await answers.set(first, { given: [1] });
    await memory.saveChanges(first);
    const second = turn();
    (await answers.get(second))?.given.push(2);
    await memory.saveChanges(second);
    expect(storage.writes).toHaveLength(2);
    expect(await answers.get(turn())).toEqual({ given: [1, 2] });
  });

  it('when forced, then an unchanged state is written too', async () => {
    const { storage, memory } = setUp();
    const context = turn();
    await memory.load(context);
    await memory.saveChanges(context, true);
    expect(storage.writes).toHaveLength(1);
  });

  it('when cleared, then the empty state is written and read back', async () => {
    const { storage, memory, steps, turnSetting } = setUp();
    await turnSetting(2);
    const second = turn();
    await memory.load(second);
    await memory.clear(second);
    await memory.saveChanges(second);
    expect(storage.writes).toHaveLength(2);
    expect(await steps.get(turn())).toBeUndefined();
  });

  it('when deleted, then the stored state is gone and the turn holds none', async () => {
    const { memory, steps, turnSetting } = setUp();
    await turnSetting(2);
    const second = turn();
    await memory.load(second);
    await memory.delete(second);
    expect(memory.get(second)).toBeUndefined();
    expect(await steps.get(turn())).toBeUndefined();
  });

  it('when the turn never loaded the state, then saving writes nothing', async () => {
    const { storage, memory } = setUp();
    await memory.saveChanges(turn());
    expect(storage.writes).toHaveLength(0);
  });
});
