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
import { addCitizenPrompts, choiceOptions, stepValues } from './prompts.js';
import type { CitizenServices } from './services.js';
import { recognizeUrgentChange, type UrgentChangeKind } from '../domain/urgentChanges.js';
import { CHECK_IN_DIALOG, CheckInDialog } from './checkInDialog.js';
import { MESSAGE_CASEWORKER_DIALOG, MessageCaseworkerDialog } from './messageCaseworkerDialog.js';
import { PROGRESS_DIALOG, ProgressDialog } from './progressDialog.js';
import { PULSE_DIALOG, PulseDialog } from './pulseDialog.js';
import { REMINDER_VERB } from '../cards/reminderCard.js';
import { type ReminderReply, recognizeReminderReply } from '../domain/reminders.js';
import { SETTINGS_DIALOG, SettingsDialog, type SettingsResult } from './settingsDialog.js';
import { URGENT_CHANGE_DIALOG, UrgentChangeDialog, type UrgentChangeOptions } from './urgentChangeDialog.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const MAIN_DIALOG = 'mainDialog';
const MENU_FLOW = 'menuFlow';
const MENU_PROMPT = 'menuPrompt';

/** How the main flow was started: by a fresh message (route by its words), to show the menu, or for an urgent change. */
export interface MainOptions {
  showMenu?: boolean;
  urgentKind?: UrgentChangeKind;
  /** The citizen's own words that announced the change, kept as its description. */
  urgentText?: string;
  /** A click on a reminder's button while another dialog was open. */
  reminderReply?: ReminderReply;
}

/** Where a fresh message or a menu choice leads: a menu entry, or the weekly pulse a reminder offered. */
type Route = MenuEntry | 'pulse';

type UrgentValues = Pick<MainOptions, 'urgentKind' | 'urgentText'>;

const MENU = MENU_ENTRIES.map((entry) => ({ value: entry, labelKey: `menu.${entry}` }));

/**
 * The root of every citizen conversation: agreement first, then the menu.
 * Global commands (help, menu, cancel) are handled here once, so they work at
 * every prompt of every child dialog, and what was answered stays saved.
 */
export class MainDialog extends ComponentDialog {
  private readonly entryDialogs: Record<MenuEntry, string> = {
    goals: GOALS_DIALOG,
    barriers: BARRIERS_DIALOG,
    checkIn: CHECK_IN_DIALOG,
    urgent: URGENT_CHANGE_DIALOG,
    message: MESSAGE_CASEWORKER_DIALOG,
    progress: PROGRESS_DIALOG,
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
    this.addDialog(new UrgentChangeDialog(services));
    this.addDialog(new MessageCaseworkerDialog(services));
    this.addDialog(new CheckInDialog(services));
    this.addDialog(new ProgressDialog(services));
    this.addDialog(new PulseDialog(services));
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
    // A click on a reminder's button answers the reminder, whatever was open; so does a typed reply
    // while the citizen is only looking at the menu (where they land after every dialog).
    const clicked = (innerDc.context.activity.value as { verb?: unknown } | undefined)?.verb === REMINDER_VERB;
    const reminderReply = recognizeReminderReply(innerDc.context.activity.text ?? '');
    const atMenu = innerDc.activeDialog?.id === MENU_PROMPT;
    if (clicked || (atMenu && reminderReply && (await this.services.reminders.pendingFor(turnCitizen(innerDc.context).citizenId)))) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { ...(reminderReply ? { reminderReply } : {}) } satisfies MainOptions);
    }
    // An urgent change outranks whatever the citizen was doing; what they answered so far is already saved.
    // Not while they are already writing to their caseworker: there "my mother is sick" is the message itself.
    const text = innerDc.context.activity.text ?? '';
    const writingToCaseworker = [URGENT_CHANGE_DIALOG, MESSAGE_CASEWORKER_DIALOG].includes(innerDc.activeDialog?.id ?? '');
    const urgentKind = writingToCaseworker ? undefined : recognizeUrgentChange(text);
    if (urgentKind && (await this.hasConsented(innerDc))) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { urgentKind, urgentText: text } satisfies MainOptions);
    }
    return super.onContinueDialog(innerDc);
  }

  private async hasConsented(dc: DialogContext): Promise<boolean> {
    return (await this.services.profiles.get(turnCitizen(dc.context).citizenId)).consent === 'ACCEPTED';
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!(await this.hasConsented(step))) return step.beginDialog(ONBOARDING_DIALOG);
    return step.next();
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const onboarding = step.result as OnboardingResult | undefined;
    if (onboarding?.accepted === false) return step.endDialog();
    const options = (step.options ?? {}) as MainOptions;
    const values = stepValues<UrgentValues>(step);
    values.urgentKind = options.urgentKind;
    values.urgentText = options.urgentText;
    if (values.urgentKind) return step.next('urgent');
    if (!onboarding && !options.showMenu) {
      const text = step.context.activity.text ?? '';
      const reminderRoute = await this.answerReminder(step, options.reminderReply ?? recognizeReminderReply(text));
      if (reminderRoute === 'done') return step.endDialog();
      if (reminderRoute) return step.next(reminderRoute);
      values.urgentKind = recognizeUrgentChange(text);
      values.urgentText = text;
      if (values.urgentKind) return step.next('urgent');
      const intent = recognizeIntent(text);
      if (intent) return step.next(intent);
    }
    const menu = choiceOptions(step.context, citizenT(step.context)('menu.title'), MENU);
    return step.prompt(MENU_PROMPT, menu);
  }

  /** A reply to the latest reminder: start now (the route to take), or postpone/dismiss it ('done'). */
  private async answerReminder(step: WaterfallStepContext, reply: ReminderReply | undefined): Promise<Route | 'done' | undefined> {
    if (!reply) return undefined;
    const { citizenId } = turnCitizen(step.context);
    const pending = await this.services.reminders.pendingFor(citizenId);
    if (!pending) return undefined;
    const { until } = await this.services.reminders.respond(citizenId, pending.reminderId, reply);
    const t = citizenT(step.context);
    if (reply === 'tomorrow' || reply === 'later') {
      await step.context.sendActivity(t('reminder.postponed', { when: until ?? '' }));
      return 'done';
    }
    if (reply === 'notNow') {
      await step.context.sendActivity(t('reminder.dismissed'));
      return 'done';
    }
    return { checkIn: 'checkIn', pulse: 'pulse', step: 'goals' }[pending.kind] as Route;
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const entry = step.result as Route;
    if (entry === 'pulse') return step.beginDialog(PULSE_DIALOG);
    const { urgentKind, urgentText } = stepValues<UrgentValues>(step);
    if (entry === 'urgent') {
      const options: UrgentChangeOptions = urgentKind ? { kind: urgentKind, ...(urgentText ? { text: urgentText } : {}) } : {};
      return step.beginDialog(URGENT_CHANGE_DIALOG, options);
    }
    return step.beginDialog(this.entryDialogs[entry]);
  }

  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as SettingsResult | undefined)?.stop) return step.endDialog();
    return step.replaceDialog(MENU_FLOW, { showMenu: true } satisfies MainOptions);
  }
}
