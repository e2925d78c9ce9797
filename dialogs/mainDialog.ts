import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { type ChoiceOption, matchChoice } from '../domain/choices.js';
import { type MenuEntry, recognizeGlobalCommand, recognizeIntent } from '../domain/commands.js';
import { consentIsCurrent, recognizeWithdrawal } from '../domain/privacy/consent.js';
import { BARRIERS_DIALOG, BarriersDialog } from './barriersDialog.js';
import { GOALS_DIALOG, GoalsDialog } from './goalsDialog.js';
import { ONBOARDING_DIALOG, OnboardingDialog, type OnboardingResult } from './onboardingDialog.js';
import { CitizenPrompt } from './citizenPrompt.js';
import { addCitizenPrompts, type ChoiceSpec, choiceOptions, stepValues } from './prompts.js';
import type { CitizenServices } from './services.js';
import type { UrgentChangeKind } from '../domain/urgentChanges.js';
import { looksLikeWords, recognizeConcern } from '../domain/intents/concerns.js';
import { FORWARD_OFFER_DIALOG, ForwardOfferDialog, type ForwardOfferOptions } from './forwardOfferDialog.js';
import { type ActiveDialogs, activeDialogs, answersPrompt, type CitizenPromptOptions, FREE_TEXT_PROMPTS, isStaleTap, promptOptionsOf } from './promptFit.js';
import { CHECK_IN_DIALOG, CheckInDialog } from './checkInDialog.js';
import { upgradeFormerLayout } from './checkInItemDialog.js';
import { MESSAGE_CASEWORKER_DIALOG, MessageCaseworkerDialog } from './messageCaseworkerDialog.js';
import { PROGRESS_DIALOG, ProgressDialog } from './progressDialog.js';
import { PULSE_DIALOG, PulseDialog } from './pulseDialog.js';
import { REMINDER_VERB } from '../cards/reminderCard.js';
import { type ReminderReply, recognizeReminderReply } from '../domain/reminders.js';
import { SETTINGS_DIALOG, SettingsDialog, type SettingsOptions, type SettingsResult } from './settingsDialog.js';
import { URGENT_CHANGE_DIALOG, UrgentChangeDialog, type UrgentChangeOptions } from './urgentChangeDialog.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const MAIN_DIALOG = 'mainDialog';
const MENU_FLOW = 'menuFlow';
const MENU_PROMPT = 'menuPrompt';

/** How the main flow was started: by a fresh message (route by its words), to show the menu, or for an urgent change. */
export interface MainOptions {
  showMenu?: boolean;
  /** The rest of the menu, after "mere". */
  more?: boolean;
  /** After a task: one line on what one can do next, not the whole menu again. */
  quiet?: boolean;
  urgentKind?: UrgentChangeKind;
  /** The citizen's own words that announced the change, kept as its description. */
  urgentText?: string;
  /** A click on a reminder's button while another dialog was open. */
  reminderReply?: ReminderReply;
  /** Straight to a menu entry ("der er sket noget": which change?). */
  route?: MenuEntry;
}

/** Where a fresh message or a menu choice leads: a menu entry, or the weekly pulse a reminder offered. */
type Route = MenuChoice | 'pulse' | 'withdraw';

/** Words of a first message that name no entry: for the caseworker. */
interface Forward {
  forward: string;
}

/** Dialogs where the citizen's words are already on their way to the caseworker. */
const WRITING_TO_CASEWORKER: readonly string[] = [URGENT_CHANGE_DIALOG, MESSAGE_CASEWORKER_DIALOG];

type UrgentValues = Pick<MainOptions, 'urgentKind' | 'urgentText'>;

type MenuChoice = MenuEntry | 'more' | 'back' | 'resume';
const entry = (value: MenuChoice, also: readonly string[] = []): ChoiceSpec<MenuChoice> => ({ value, labelKey: `menu.${value}`, also });
/** The short menu: the most used entries and "mere"; the rest one tap further. Every entry's words work from either. */
const MAIN_MENU = [entry('checkIn'), entry('goals'), entry('message'), entry('urgent'), entry('more', ['mere', 'more', 'flere'])];
/** Offered while the citizen's reminders are paused: writing again is the moment to ask. */
const RESUME = entry('resume', ['start', 'start igen', 'start påmindelser', 'resume', 'start reminders']);
const MORE_MENU = [entry('barriers'), entry('progress'), entry('settings'), entry('back', ['tilbage', 'back'])];

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
      new CitizenPrompt(MENU_PROMPT, async (prompt) => {
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
    this.addDialog(new ForwardOfferDialog(services));
    this.addDialog(
      new WaterfallDialog(MENU_FLOW, [this.consentStep.bind(this), this.routeStep.bind(this), this.actStep.bind(this), this.loopStep.bind(this)]),
    );
    this.initialDialogId = MENU_FLOW;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    upgradeFormerLayout(innerDc.stack);
    const text = innerDc.context.activity.text ?? '';
    const command = recognizeGlobalCommand(text);
    if (command === 'help') {
      await innerDc.context.sendActivity(citizenT(innerDc.context)('help.text'));
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    if (command === 'menu' || command === 'cancel') {
      if (command === 'cancel') await innerDc.context.sendActivity(citizenT(innerDc.context)('menu.cancelled'));
      await this.leaveThread(innerDc);
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { showMenu: true } satisfies MainOptions);
    }
    // A click on a reminder's button answers the reminder, whatever was open; so does a typed reply
    // while the citizen is only looking at the menu (where they land after every dialog).
    const clicked = (innerDc.context.activity.value as { verb?: unknown } | undefined)?.verb === REMINDER_VERB;
    const reminderReply = recognizeReminderReply(text);
    const atMenu = innerDc.activeDialog?.id === MENU_PROMPT;
    if (clicked || (atMenu && reminderReply && (await this.services.reminders.pendingFor(turnCitizen(innerDc.context).citizenId)))) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { ...(reminderReply ? { reminderReply } : {}) } satisfies MainOptions);
    }
    const active = activeDialogs(innerDc);
    if (isStaleTap(innerDc.context.activity.value, promptOptionsOf(active.prompt)?.promptId)) {
      await innerDc.context.sendActivity(citizenT(innerDc.context)('common.staleCard'));
      await active.promptContext().repromptDialog();
      return Dialog.EndOfTurn;
    }
    const heard = await this.listen(innerDc, active, text);
    return heard ?? super.onContinueDialog(innerDc);
  }

  /**
   * Nothing is dropped: words that do not answer the question waiting are, in
   * order, the next message of an open thread with the caseworker, an urgent
   * change, or something to offer to the caseworker. Undefined: a normal answer.
   */
  private async listen(innerDc: DialogContext, { ids: stack, prompt, promptContext }: ActiveDialogs, text: string): Promise<DialogTurnResult | undefined> {
    if (stack.includes(FORWARD_OFFER_DIALOG)) return undefined;
    // Not while they are already writing to their caseworker: there "my mother is sick" is the message itself.
    const writingToCaseworker = stack.some((id) => WRITING_TO_CASEWORKER.includes(id));
    const { citizenId, timeZone } = turnCitizen(innerDc.context);
    const isAnswer = answersPrompt(prompt, text, this.services.now(), timeZone, { id: MENU_PROMPT, also: (words) => recognizeIntent(words) !== undefined });
    const freeTextAsked = FREE_TEXT_PROMPTS.includes(prompt?.id ?? '');
    // At the menu, "jeg er blevet syg" names a menu entry and an urgent change at once: the change, with their words, wins.
    const saysMoreThanAMenuWord =
      prompt?.id === MENU_PROMPT && !answersPrompt(prompt, text, this.services.now(), timeZone, { id: MENU_PROMPT, also: () => false });
    // An answer goes to its question; and before the citizen has agreed, nothing is passed on.
    if ((isAnswer && !freeTextAsked && !saysMoreThanAMenuWord) || !(await this.hasConsented(innerDc))) return undefined;
    if (!isAnswer) {
      const thread = looksLikeWords(text) ? await this.services.threads.open(citizenId) : undefined;
      if (thread) {
        await this.services.threads.say(citizenId, thread.alertId, text);
        await innerDc.context.sendActivity(citizenT(innerDc.context)('thread.sent', { name: thread.staffName }));
        return Dialog.EndOfTurn;
      }
    }
    // An urgent change outranks whatever the citizen was doing; what they answered so far is already saved.
    const concern = writingToCaseworker ? undefined : recognizeConcern(text);
    if (concern && concern !== 'message') {
      await innerDc.cancelAllDialogs();
      const options: MainOptions = concern === 'change' ? { route: 'urgent' } : { urgentKind: concern, urgentText: text };
      return innerDc.beginDialog(MENU_FLOW, options);
    }
    if (isAnswer || !looksLikeWords(text)) return undefined;
    // On top of the question waiting, which is asked again when the offer is settled.
    await promptContext().beginDialog(FORWARD_OFFER_DIALOG, { text } satisfies ForwardOfferOptions);
    return Dialog.EndOfTurn;
  }

  /** "menu" also leaves a thread with the caseworker: what comes next is not an answer to them. */
  private async leaveThread(dc: DialogContext): Promise<void> {
    if (!(await this.hasConsented(dc))) return;
    const { citizenId } = turnCitizen(dc.context);
    const thread = await this.services.threads.open(citizenId);
    if (thread) await this.services.threads.leave(citizenId, thread.alertId);
  }

  /** Agreed to the information text in use: a new version of the text asks again. */
  private async hasConsented(dc: DialogContext): Promise<boolean> {
    const { citizenId, locale } = turnCitizen(dc.context);
    const [profile, privacy] = await Promise.all([this.services.profiles.get(citizenId), this.services.profiles.privacyText(citizenId, locale)]);
    return consentIsCurrent(profile, privacy.version);
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // Restricted processing (GDPR Art. 18): nothing is used or passed on. Crisis safety answered before any dialog.
    if ((await this.services.profiles.get(turnCitizen(step.context).citizenId)).restricted) {
      await step.context.sendActivity(citizenT(step.context)('myData.restricted'));
      return step.endDialog();
    }
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
    if (options.route) return step.next(options.route);
    if (!onboarding && !options.showMenu && !options.quiet && !options.more) {
      const text = step.context.activity.text ?? '';
      const reminderRoute = await this.answerReminder(step, options.reminderReply ?? recognizeReminderReply(text));
      if (reminderRoute === 'done') return step.endDialog();
      if (reminderRoute) return step.next(reminderRoute);
      const concern = recognizeConcern(text);
      if (concern === 'change') return step.next('urgent');
      if (concern && concern !== 'message') {
        values.urgentKind = concern;
        values.urgentText = text;
        return step.next('urgent');
      }
      if (recognizeWithdrawal(text)) return step.next('withdraw');
      const intent = recognizeIntent(text);
      if (intent) return step.next(intent);
      if (concern === 'message' || looksLikeWords(text)) return step.next({ forward: text } satisfies Forward);
    }
    const t = citizenT(step.context);
    if (options.more) return step.prompt(MENU_PROMPT, choiceOptions(step.context, t('menu.moreTitle'), MORE_MENU, MAIN_MENU));
    const paused = await this.services.reminders.isPaused(turnCitizen(step.context).citizenId);
    const menu = choiceOptions(step.context, t(paused ? 'menu.pausedTitle' : 'menu.title'), paused ? [...MAIN_MENU, RESUME] : MAIN_MENU, MORE_MENU);
    // Not understood after the quiet line: then the menu itself helps.
    const quiet: CitizenPromptOptions = { ...menu, prompt: t(paused ? 'menu.nextPaused' : 'menu.next'), shown: { ...menu.shown, wholeOnRetry: true } };
    return step.prompt(MENU_PROMPT, options.quiet ? quiet : menu);
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
    const entry = step.result as Route | Forward;
    if (typeof entry === 'object') return this.firstWords(step, entry.forward);
    if (entry === 'pulse') return step.beginDialog(PULSE_DIALOG);
    if (entry === 'withdraw') return step.beginDialog(SETTINGS_DIALOG, { setting: 'withdraw' } satisfies SettingsOptions);
    if (entry === 'more' || entry === 'back') return step.replaceDialog(MENU_FLOW, { showMenu: true, more: entry === 'more' } satisfies MainOptions);
    if (entry === 'resume') {
      await this.services.reminders.setPaused(turnCitizen(step.context).citizenId, false);
      await step.context.sendActivity(citizenT(step.context)('settings.resumed'));
      return step.next();
    }
    const { urgentKind, urgentText } = stepValues<UrgentValues>(step);
    if (entry === 'urgent') {
      const options: UrgentChangeOptions = urgentKind ? { kind: urgentKind, ...(urgentText ? { text: urgentText } : {}) } : {};
      return step.beginDialog(URGENT_CHANGE_DIALOG, options);
    }
    return step.beginDialog(this.entryDialogs[entry]);
  }

  /** A first message that names nothing: the next message of an open thread, or offered to the caseworker. */
  private async firstWords(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
    const { citizenId } = turnCitizen(step.context);
    const thread = await this.services.threads.open(citizenId);
    if (!thread) return step.beginDialog(FORWARD_OFFER_DIALOG, { text } satisfies ForwardOfferOptions);
    await this.services.threads.say(citizenId, thread.alertId, text);
    await step.context.sendActivity(citizenT(step.context)('thread.sent', { name: thread.staffName }));
    return step.endDialog();
  }

  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as SettingsResult | undefined)?.stop) return step.endDialog();
    return step.replaceDialog(MENU_FLOW, { quiet: true } satisfies MainOptions);
  }
}
