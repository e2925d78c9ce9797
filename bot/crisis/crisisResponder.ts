import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { accumulate, type CrisisMemory, EMPTY_MEMORY } from '../../domain/crisis/accumulation.js';
import type { CrisisAssessment, CrisisTier } from '../../domain/crisis/detector.js';
import { parseFollowUpAnswer } from '../../domain/crisis/followUp.js';
import { type CrisisContact, crisisContactLines, DEFAULT_CRISIS_CONTACTS } from '../../domain/crisisContacts.js';
import { CRISIS_FOLLOW_UP_DIALOG, type CrisisEscalation, CrisisFollowUpDialog, type FollowUpEscalation } from '../../dialogs/crisisFollowUpDialog.js';
import type { AlertReceipt, RaiseAlert } from '../../dialogs/services.js';
import { resolveLocale, translator } from '../../locales/i18n.js';
import type { OnCallReceipt } from '../alerts/alertService.js';
import { type Logger, safeError } from '../logger.js';
import type { LinkedPerson } from '../people/peopleDirectory.js';
import type { CrisisFacts, CrisisReason } from '../../domain/crisis/staffFacts.js';

/** Raising alerts, with who else was told out of hours (AlertService). */
export interface CrisisAlerts {
  raise(alert: RaiseAlert): Promise<AlertReceipt & OnCallReceipt>;
}

export interface CrisisResponderDeps {
  /** Who is writing (a database look-up: only ever after the safety message). */
  findPerson(context: TurnContext): Promise<LinkedPerson | undefined>;
  /** The name of a citizen's caseworker, for the note to someone writing in another language. */
  caseworkerName(citizenId: string): Promise<string | undefined>;
  alerts: CrisisAlerts;
  /** Risk carried across turns, in conversation state. */
  memory: StatePropertyAccessor<CrisisMemory>;
  /** The follow-up question's own dialog stack, apart from the citizen's main dialog, which waits meanwhile. */
  dialogState: StatePropertyAccessor<DialogState>;
  logger: Logger;
  now?: () => Date;
}

/**
 * Answers risk to life or safety. The safety message is the first reply of the
 * turn and needs nothing but memory: no database, no dialog state. Then, in order:
 * the risk is added to what earlier messages carried, the caseworker is alerted
 * (enrolled citizens; CRISIS for a clear risk, URGENT for a possible one, on-call
 * staff out of hours), and a question keeps the person talking.
 */
export class CrisisResponder implements CrisisEscalation {
  private contacts: CrisisContact[] = DEFAULT_CRISIS_CONTACTS;
  private readonly dialogs: DialogSet;
  private readonly now: () => Date;

  constructor(private readonly deps: CrisisResponderDeps) {
    this.dialogs = new DialogSet(deps.dialogState).add(new CrisisFollowUpDialog(this));
    this.now = deps.now ?? (() => new Date());
  }

  /** Replaces the contacts shown (from the organisation's settings, at startup and on every change). */
  useContacts(contacts: CrisisContact[]): void {
    this.contacts = contacts;
  }

  /** A message the detector flagged. */
  async respond(context: TurnContext, assessment: CrisisAssessment): Promise<void> {
    await this.sendSafetyMessage(context);
    const tier = await this.remember(context, assessment);
    await this.actOn(context, assessment, tier === 'none' ? 'possible' : tier);
  }

  /**
   * Every other message: its weak signals still add up across turns (then it is answered
   * as a risk), and an open follow-up question takes the answer. True when the turn was handled here.
   */
  async handleOrdinary(context: TurnContext, assessment: CrisisAssessment): Promise<boolean> {
    const tier = await this.remember(context, assessment);
    if (tier !== 'none') {
      await this.sendSafetyMessage(context);
      await this.actOn(context, assessment, tier);
      return true;
    }
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return false;
    // Anything but an answer (a check-in reply, a menu choice) goes where the person was: the question is let go.
    if (parseFollowUpAnswer(context.activity.text ?? '') === undefined) {
      await dc.cancelAllDialogs();
      return false;
    }
    await dc.continueDialog();
    return true;
  }

  /** A message in a language the bot does not read: a short note in both languages, with 112 and the caseworker's name. */
  async noteUnknownLanguage(context: TurnContext, person: LinkedPerson | undefined): Promise<void> {
    const name = person?.kind === 'citizen' ? await this.deps.caseworkerName(person.citizenId) : undefined;
    const key = name ? 'crisis.unknownLanguage' : 'crisis.unknownLanguageStranger';
    await context.sendActivity(`${translator('da')(key, { name })}\n\n${translator('en')(key, { name })}`);
  }

  /** Called by the follow-up question: the caseworker hears at once, and the person hears who was told. */
  async escalate(context: TurnContext, reason: FollowUpEscalation): Promise<void> {
    await this.alert(context, { tier: 'clear', reason, concepts: [] }, undefined);
  }

  private async sendSafetyMessage(context: TurnContext): Promise<void> {
    const locale = resolveLocale(context.activity.locale);
    await context.sendActivity(translator(locale)('crisis.message', { contacts: crisisContactLines(this.contacts, locale) }));
  }

  /** Adds this message to the conversation's risk and returns the tier the conversation has reached. */
  private async remember(context: TurnContext, assessment: CrisisAssessment): Promise<CrisisTier> {
    try {
      // No default on read, and no write when there is nothing to remember: an ordinary turn costs no state write.
      const memory = (await this.deps.memory.get(context)) ?? EMPTY_MEMORY;
      if (memory.signals.length === 0 && assessment.weight === 0) return 'none';
      const next = accumulate(memory, assessment, this.now());
      await this.deps.memory.set(context, next.memory);
      return next.tier;
    } catch (error) {
      this.deps.logger.error({ err: safeError(error), conversationId: context.activity.conversation.id }, 'crisis memory could not be read');
      return assessment.tier;
    }
  }

  private async actOn(context: TurnContext, assessment: CrisisAssessment, tier: 'clear' | 'possible'): Promise<void> {
    const reason: CrisisReason = tier === assessment.tier ? 'message' : 'across-turns';
    await this.alert(context, { tier, reason, concepts: assessment.concepts }, context.activity.text);
    try {
      const dc = await this.dialogs.createContext(context);
      await dc.cancelAllDialogs();
      await dc.beginDialog(CRISIS_FOLLOW_UP_DIALOG, { tier, locale: resolveLocale(context.activity.locale) });
    } catch (error) {
      this.deps.logger.error({ err: safeError(error), conversationId: context.activity.conversation.id }, 'crisis follow-up could not start');
    }
  }

  /** Alerts an enrolled citizen's caseworker and tells the citizen, honestly, who has been told. */
  private async alert(context: TurnContext, crisis: CrisisFacts, citizenText: string | undefined): Promise<void> {
    try {
      const person = await this.deps.findPerson(context);
      if (person?.kind !== 'citizen') return;
      // Raised whatever the citizen's agreement: a risk to life is a vital interest, and the citizen was told crisis help always works.
      const receipt = await this.deps.alerts.raise({
        citizenId: person.citizenId,
        kind: 'crisis',
        severity: crisis.tier === 'clear' ? 'CRISIS' : 'URGENT',
        facts: { crisis },
        ...(citizenText ? { citizenText } : {}),
      });
      await context.sendActivity(toldText(receipt, translator(resolveLocale(person.locale))));
    } catch (error) {
      // The person already has the numbers; log without their words.
      this.deps.logger.error({ err: safeError(error), conversationId: context.activity.conversation.id }, 'crisis alert could not be raised');
    }
  }
}

/** Who has been told, in plain words: in hours the caseworker; out of hours also who is on call, and that 112 is the way now. */
export function toldText(receipt: AlertReceipt & OnCallReceipt, t: ReturnType<typeof translator>): string {
  if (!receipt.outOfHours) return t('crisis.told', { name: receipt.assigneeName });
  if (receipt.onCallNames.length === 0) return t('crisis.toldAfterHours', { name: receipt.assigneeName });
  return t('crisis.toldOnCall', { name: receipt.assigneeName, onCall: receipt.onCallNames.join(` ${t('crisis.and')} `) });
}
