import { type TurnContext, TurnContextStateCollection } from 'botbuilder';
import { type DialogContext, DialogStateManager, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/**
 * The turn-state key botbuilder-dialogs reads its memory configuration from. botbuilder does not
 * export it; a test pins it, so an upgrade that renames it fails there rather than going slow.
 */
const CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * botbuilder-dialogs' memory scopes and path resolvers. They keep nothing of a turn (what they read
 * lives in turn state), so one set serves every turn, as botbuilder's own DialogManager keeps one;
 * without it, every turn's first dialog context builds them all again.
 */
const sharedConfiguration: DialogStateManagerConfiguration = (() => {
  // A state manager over an empty turn builds it exactly as a turn's first dialog context would.
  const { memoryScopes, pathResolvers } = new DialogStateManager({ context: { turnState: new TurnContextStateCollection() } } as unknown as DialogContext).configuration;
  // Shared by every turn: frozen, so that nothing can add a scope to all of them at once.
  return Object.freeze({ memoryScopes: Object.freeze(memoryScopes) as typeof memoryScopes, pathResolvers: Object.freeze(pathResolvers) as typeof pathResolvers });
})();

/** Gives the turn's dialog contexts the process-wide memory configuration; call before the first one. */
export function shareDialogMemory(context: TurnContext): void {
  context.turnState.set(CONFIGURATION_KEY, sharedConfiguration);
}
