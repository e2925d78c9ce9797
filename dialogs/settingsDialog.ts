import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContactWindowKey } from '../domain/contactWindow.js';
import { describeDue } from '../domain/dueWords.js';
import { MY_DATA_DIALOG, MyDataDialog } from './myDataDialog.js';
import { ONBOARDING_DIALOG, OnboardingDialog, type OnboardingOptions, WINDOWS } from './onboardingDialog.js';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions, stepValues, YES_NO } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const SETTINGS_DIALOG = 'settingsDialog';
const FLOW = 'settingsFlow';

export type Setting = 'language' | 'contactWindow' | 'pause' | 'resume' | 'information' | 'myData' | 'withdraw' | 'back';
const SETTINGS: ReadonlyArray<ChoiceSpec<Setting>> = [
  { value: 'language', labelKey: 'settings.language', also: ['sprog'] },
  { value: 'contactWindow', labelKey: 'settings.contactWindow' },
  { value: 'pause', labelKey: 'settings.pauseReminders', also: ['pause'] },
  { value: 'resume', labelKey: 'settings.resumeReminders' },
  { value: 'information', labelKey: 'settings.information' },
  { value: 'myData', labelKey: 'settings.myData' },
  { value: 'withdraw', labelKey: 'settings.withdraw' },
  { value: 'back', labelKey: 'common.back' },
];
const LANGUAGES: ReadonlyArray<ChoiceSpec<'da' | 'en'>> = [
  { value: 'da', labelKey: 'language.da', also: ['danish'] },
  { value: 'en', labelKey: 'language.en', also: ['engelsk'] },
];

/** Where to start: a setting named elsewhere ("Jeg vil ikke være med mere" opens withdrawing directly). */
export interface SettingsOptions {
  setting?: Setting;
}

/** Ends the citizen's session with the menu instead of returning to it (after withdrawing). */
export interface SettingsResult {
  stop: boolean;
}

/** Language, contact time, the information about their data again, what is stored, and withdrawing. */
export class SettingsDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(SETTINGS_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(new OnboardingDialog(services));
    this.addDialog(new MyDataDialog(services));
    this.addDialog(new WaterfallDialog(FLOW, [this.chooseStep.bind(this), this.askStep.bind(this), this.applyStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { setting } = (step.options ?? {}) as SettingsOptions;
    if (setting) return step.next(setting);
    const t = citizenT(step.context);
    const { citizenId, locale, timeZone } = turnCitizen(step.context);
    const next = await this.services.reminders.nextFor(citizenId);
    const when = next ? t('settings.nextReminder', { when: describeDue(next, this.services.now(), timeZone, locale) }) : t('settings.noReminder');
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, `${when}\n\n${t('settings.title')}`, SETTINGS));
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const setting = step.result as Setting;
    stepValues<{ setting: Setting }>(step).setting = setting;
    switch (setting) {
      case 'language':
        return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('onboarding.language'), LANGUAGES));
      case 'contactWindow':
        return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('onboarding.contactWindow'), WINDOWS));
      case 'information':
        return step.beginDialog(ONBOARDING_DIALOG, { rerun: true } satisfies OnboardingOptions);
      case 'myData':
        return step.beginDialog(MY_DATA_DIALOG);
      case 'withdraw':
        return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('settings.withdrawConfirm'), YES_NO));
      case 'pause':
      case 'resume':
        await this.services.reminders.setPaused(turnCitizen(step.context).citizenId, setting === 'pause');
        await step.context.sendActivity(t(setting === 'pause' ? 'settings.paused' : 'settings.resumed'));
        return step.endDialog();
      case 'back':
        return step.endDialog();
    }
  }

  private async applyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const citizen = turnCitizen(step.context);
    const { setting } = stepValues<{ setting: Setting }>(step);
    if (setting === 'language') {
      citizen.locale = step.result as 'da' | 'en';
      await this.services.profiles.setLocale(citizen.citizenId, citizen.locale);
      await step.context.sendActivity(citizenT(step.context)('settings.languageChanged'));
    } else if (setting === 'contactWindow') {
      const window = step.result as ContactWindowKey;
      await this.services.profiles.setContactWindow(citizen.citizenId, window);
      const t = citizenT(step.context);
      await step.context.sendActivity(t('settings.windowChanged', { window: t(`onboarding.window.${window}`) }));
    } else if (setting === 'withdraw' && step.result === 'yes') {
      const { keptMonths } = await this.services.privacy.withdrawConsent(citizen.citizenId);
      const { caseworkerName } = await this.services.profiles.get(citizen.citizenId);
      await step.context.sendActivity(citizenT(step.context)('settings.withdrawn', { caseworker: caseworkerName, months: keptMonths }));
      return step.endDialog({ stop: true } satisfies SettingsResult);
    } else if (setting === 'information' && (step.result as { accepted?: boolean } | undefined)?.accepted === false) {
      return step.endDialog({ stop: true } satisfies SettingsResult);
    }
    return step.endDialog();
  }
}
