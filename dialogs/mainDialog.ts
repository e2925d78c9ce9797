import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { type ChoiceOption, matchChoice } from '../domain/choices.js';
import { MENU_ENTRIES, type MenuEntry, recognizeGlobalCommand, recognizeIntent } from '../domain/commands.js';
import { BARRIERS_DIALOG, BarriersDialog } from './barriersDialog.js';
import { GOALS_DIALOG, GoalsDialog } from './goalsDialog.js';
import { ONBOARDING_DIALOG, OnboardingDialog, type OnboardingResult } from './onboardingDialog.js';
import { addCitizenPrompts, choiceOptions } from './prompts.js';
import type { CitizenServices } from './services.js';
import { SETTINGS_DIALOG, SettingsDialog, type SettingsResult } from './settingsDialog.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const MAIN_DIALOG = 'mainDialog';
const MENU_FLOW = 'menuFlow';
const MENU_PROMPT = 'menuPrompt';

/** How the main flow was started: by a fresh message (route by its words), or to show the menu. */
export interface MainOptions {
  showMenu?: boolean;
}

const MENU = MENU_ENTRIES.map((entry) => ({ value: entry, labelKey: `menu.${entry}` }));

/**
 * The root of every citizen conversation: agreement first, then the menu.
 * Global commands (help, menu, cancel) are handled here once, so they work at
 * every prompt of every child dialog, and what was answered stays saved.
 */
export class MainDialog extends ComponentDialog {
  private readonly entryDialogs: Partial<Record<MenuEntry, string>> = {
    goals: GOALS_DIALOG,
    barriers: BARRIERS_DIALOG,
    settings: SETTINGS_DIALOG,
  };

  constructor(private readonly services: CitizenServices) {
    super(MAIN_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(
      new TextPrompt(MENU_PROMPT, async (prompt) => {
        const text = prompt.recognized.value ?? '';
        // The menu also accepts free text that names an entry ("jeg vil se mine mål").
        const entry = matchChoice(text, prompt.options.validations as ChoiceOption[]) ?? recognizeIntent(text);
        if (entry) prompt.recognized.value = entry;
        return entry !== undefined;
      }),
    );
    this.addDialog(new OnboardingDialog(services));
    this.addDialog(new GoalsDialog(services));
    this.addDialog(new BarriersDialog(services));
    this.addDialog(new SettingsDialog(services));
    this.addDialog(
      new WaterfallDialog(MENU_FLOW, [this.consentStep.bind(this), this.routeStep.bind(this), this.actStep.bind(this), this.loopStep.bind(this)]),
    );
    this.initialDialogId = MENU_FLOW;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const command = recognizeGlobalCommand(innerDc.context.activity.text ?? '');
    if (command === 'help') {
      await innerDc.context.sendActivity(citizenT(innerDc.context)('help.text'));
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    if (command === 'menu' || command === 'cancel') {
      if (command === 'cancel') await innerDc.context.sendActivity(citizenT(innerDc.context)('menu.cancelled'));
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { showMenu: true } satisfies MainOptions);
    }
    return super.onContinueDialog(innerDc);
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.services.profiles.get(turnCitizen(step.context).citizenId);
    if (profile.consent !== 'ACCEPTED') return step.beginDialog(ONBOARDING_DIALOG);
    return step.next();
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const onboarding = step.result as OnboardingResult | undefined;
    if (onboarding?.accepted === false) return step.endDialog();
    const options = (step.options ?? {}) as MainOptions;
    if (!onboarding && !options.showMenu) {
      const intent = recognizeIntent(step.context.activity.text ?? '');
      if (intent) return step.next(intent);
    }
    const menu = choiceOptions(step.context, citizenT(step.context)('menu.title'), MENU);
    return step.prompt(MENU_PROMPT, menu);
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const entry = step.result as MenuEntry;
    const dialogId = this.entryDialogs[entry];
    if (dialogId) return step.beginDialog(dialogId);
    await step.context.sendActivity(citizenT(step.context)('menu.notReady'));
    return step.next();
  }

  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as SettingsResult | undefined)?.stop) return step.endDialog();
    return step.replaceDialog(MENU_FLOW, { showMenu: true } satisfies MainOptions);
  }
}
