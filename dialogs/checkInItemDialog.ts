import { type DialogInstance, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findItem, QUESTION_BANK } from '../domain/questionBank/index.js';
import { innerStack } from './promptFit.js';
import { CHOICE_PROMPT, type ChoiceSpec, choiceOptions } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const CHECK_IN_ITEM_DIALOG = 'checkInItemDialog';
/** The waterfall's id while it sat in a component dialog of its own; see `upgradeFormerLayout`. */
const FORMER_FLOW = 'checkInItemFlow';

export interface CheckInItemOptions {
  checkInId: string;
  itemIds: string[];
  /** Ids already answered (when resuming): they are not asked again. */
  answered: string[];
  position: number;
}

/**
 * One question per message, five answers from most to least favourable, or skip; each answer is saved
 * with its turn. A plain waterfall in the check-in's own dialog set, with its prompt beside it: every
 * component dialog between a turn and its prompt costs botbuilder a dialog context per walk down.
 */
export class CheckInItemDialog extends WaterfallDialog {
  constructor(private readonly services: CitizenServices) {
    super(CHECK_IN_ITEM_DIALOG);
    this.addStep(this.askStep.bind(this));
    this.addStep(this.saveStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CheckInItemOptions;
    let position = options.position;
    while (position < options.itemIds.length && options.answered.includes(options.itemIds[position] as string)) position += 1;
    const item = findItem(QUESTION_BANK, options.itemIds[position] ?? '');
    if (!item) return step.endDialog();
    (step.options as CheckInItemOptions).position = position;
    const { locale } = turnCitizen(step.context);
    const other = locale === 'da' ? 'en' : 'da';
    const specs: ChoiceSpec[] = [
      ...item.options[locale].map((label, index) => ({ value: String(index), label, also: [item.options[other][index] as string] })),
      { value: 'skip', labelKey: 'common.skip', also: ['spring', 'skip', 'pass'] },
    ];
    const question = citizenT(step.context)('checkIn.question', { number: position + 1, total: options.itemIds.length, question: item.question[locale] });
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, question, specs));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CheckInItemOptions;
    const itemId = options.itemIds[options.position] as string;
    const answer = step.result as string;
    // The last answer is saved at once: the check-in's scoring reads it, maybe in this very turn.
    // The next question is the next unanswered item, asked only if the bank still has it (see askStep).
    const next = options.itemIds.slice(options.position + 1).find((id) => !options.answered.includes(id));
    const moreToAsk = next !== undefined && findItem(QUESTION_BANK, next) !== undefined;
    await this.services.checkIns.answer(options.checkInId, itemId, answer === 'skip' ? null : Number(answer), moreToAsk ? step.context.activity : undefined);
    return step.replaceDialog(CHECK_IN_ITEM_DIALOG, { ...options, answered: [...options.answered, itemId], position: options.position + 1 } satisfies CheckInItemOptions);
  }
}

/**
 * Conversations stored before 2026-12-07 hold a waiting question inside a component dialog of its own
 * (`checkInItemDialog` → [`checkInItemFlow`, its prompt, maybe an offer on top]). Before anything reads
 * a turn's stacks, those dialogs move up into the check-in's stack in the component's place, so every
 * path (an answer, help, menu, an urgent change, an offer) meets the present layout. It can go once no
 * check-in stored before that day can still be waiting for an answer.
 */
export function upgradeFormerLayout(stack: DialogInstance[]): void {
  for (let index = 0; index < stack.length; index += 1) {
    const instance = stack[index] as DialogInstance;
    const inner = innerStack(instance);
    if (!inner) continue;
    if (instance.id !== CHECK_IN_ITEM_DIALOG) {
      upgradeFormerLayout(inner);
      continue;
    }
    stack.splice(index, 1, ...inner.map((moved) => (moved.id === FORMER_FLOW ? { ...moved, id: CHECK_IN_ITEM_DIALOG } : moved)));
    index += inner.length - 1;
  }
}
