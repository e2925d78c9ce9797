import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CONTACT_WINDOW_KEYS, type ContactWindowKey } from '../domain/contactWindow.js';
import { resolveLocale } from '../locales/i18n.js';
import { addCitizenPrompts, CHOICE_PROMPT, type ChoiceSpec, choiceOptions, stepValues } from './prompts.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

export const ONBOARDING_DIALOG = 'onboardingDialog';
const FLOW = 'onboardingFlow';

export interface OnboardingOptions {
  /** Re-run from settings: the citizen has been through it before. */
  rerun?: boolean;
}

export interface OnboardingResult {
  accepted: boolean;
}

const LANGUAGES: ReadonlyArray<ChoiceSpec<'da' | 'en'>> = [
  { value: 'da', labelKey: 'language.da', also: ['danish', 'dansk'] },
  { value: 'en', labelKey: 'language.en', also: ['engelsk'] },
];
const CONSENT: ReadonlyArray<ChoiceSpec<'yes' | 'no'>> = [
  { value: 'yes', labelKey: 'onboarding.consentYes', also: ['ja', 'yes', 'ja tak', 'ok', 'okay'] },
  { value: 'no', labelKey: 'onboarding.consentNo', also: ['nej', 'no', 'no thanks', 'ikke nu'] },
];
export const WINDOWS: ReadonlyArray<ChoiceSpec<ContactWindowKey>> = CONTACT_WINDOW_KEYS.map((key) => ({
  value: key,
  labelKey: `onboarding.window.${key}`,
}));

/**
 * First meeting after enrollment: language, what happens with their data and
 * their agreement to use the companion, when to contact them, a short tour.
 */
export class OnboardingDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(ONBOARDING_DIALOG);
    addCitizenPrompts(this, services);
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.languageStep.bind(this),
        this.consentStep.bind(this),
        this.contactWindowStep.bind(this),
        this.tourStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async languageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { rerun } = (step.options ?? {}) as OnboardingOptions;
    const channelLocale = step.context.activity.locale;
    // Someone who has answered before already chose a language; the channel's locale is the next best guess.
    const answeredBefore = rerun || (await this.services.profiles.get(turnCitizen(step.context).citizenId)).consent !== null;
    if (answeredBefore || channelLocale) {
      if (!answeredBefore && channelLocale) await this.useLanguage(step, resolveLocale(channelLocale));
      return step.next();
    }
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, citizenT(step.context)('onboarding.language'), LANGUAGES));
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === 'da' || step.result === 'en') await this.useLanguage(step, step.result);
    const t = citizenT(step.context);
    const { citizenId, locale } = turnCitizen(step.context);
    const profile = await this.services.profiles.get(citizenId);
    const privacy = await this.services.profiles.privacyText(citizenId, locale);
    stepValues<{ privacyVersion: string }>(step).privacyVersion = privacy.version;
    await step.context.sendActivity(t('onboarding.intro'));
    await step.context.sendActivity(privacy.text ?? t('privacy.default'));
    // Declined before: asked again; agreed to an older text: told that the text has changed.
    const question = profile.consent === 'DECLINED' ? t('onboarding.askAgain') : profile.consent === 'ACCEPTED' ? t('myData.newPrivacyText') : t('onboarding.consentQuestion');
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, question, CONSENT));
  }

  private async contactWindowStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = citizenT(step.context);
    const { citizenId } = turnCitizen(step.context);
    const accepted = step.result === 'yes';
    await this.services.profiles.recordConsent(citizenId, accepted ? 'ACCEPTED' : 'DECLINED', String(stepValues<{ privacyVersion: string }>(step).privacyVersion));
    if (!accepted) {
      await step.context.sendActivity(t('onboarding.declined'));
      return step.endDialog({ accepted: false } satisfies OnboardingResult);
    }
    await step.context.sendActivity(t('onboarding.consentThanks'));
    return step.prompt(CHOICE_PROMPT, choiceOptions(step.context, t('onboarding.contactWindow'), WINDOWS));
  }

  private async tourStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.services.profiles.setContactWindow(turnCitizen(step.context).citizenId, step.result as ContactWindowKey);
    await step.context.sendActivity(citizenT(step.context)('onboarding.tour'));
    return step.endDialog({ accepted: true } satisfies OnboardingResult);
  }

  private async useLanguage(step: WaterfallStepContext, locale: 'da' | 'en'): Promise<void> {
    const citizen = turnCitizen(step.context);
    citizen.locale = locale;
    await this.services.profiles.setLocale(citizen.citizenId, locale);
  }
}
