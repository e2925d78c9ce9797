import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState, type DialogStateManagerConfiguration, TextPrompt } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { shareDialogMemory } from '../../dialogs/dialogMemory.js';

interface TurnMemory {
  configuration: DialogStateManagerConfiguration;
  text: unknown;
  /** What the turn memory held under `answer` before this turn wrote it. */
  answer: unknown;
}

describe('one dialog memory configuration for every turn', () => {
  const dialogs = new DialogSet(new ConversationState(new MemoryStorage()).createProperty<DialogState>('dialogState')).add(new TextPrompt('prompt'));

  /** What a turn carrying `text` sees through its dialog context, built after `shareDialogMemory` as the bot builds it. */
  async function memoryOf(text: string): Promise<TurnMemory> {
    let seen: TurnMemory | undefined;
    const adapter = new TestAdapter(async (context: TurnContext) => {
      shareDialogMemory(context);
      const dc = await dialogs.createContext(context);
      const answerBefore = dc.state.getValue('turn.answer');
      dc.state.setValue('turn.answer', text);
      seen = { configuration: dc.state.configuration, text: dc.state.getValue('turn.activity.text'), answer: answerBefore };
    });
    await adapter.send(text);
    if (!seen) throw new Error('the turn did not run');
    return seen;
  }

  it('hands every turn the same memory scopes, botbuilder-dialogs reading them from turn state', async () => {
    const first = await memoryOf('first');
    const second = await memoryOf('second');
    expect(second.configuration).toBe(first.configuration);
    expect(first.configuration.memoryScopes.map((scope) => scope.name)).toEqual(expect.arrayContaining(['turn', 'conversation', 'dialog', 'settings']));
  });

  it('keeps each turn its own memory', async () => {
    const one = await memoryOf('one');
    const two = await memoryOf('two');
    expect(one.text).toBe('one');
    expect(two.text).toBe('two');
    // What the first turn wrote to its turn memory is not there when the second begins.
    expect(two.answer).toBeUndefined();
  });
});
