import {
  ActivityHandler,
  type BotState,
  type ConversationReference,
  type StatePropertyAccessor,
  type TurnContext,
  TurnContext as Turn,
} from 'botbuilder';
import { type Dialog, DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { shareDialogMemory } from '../dialogs/dialogMemory.js';
import { MAIN_DIALOG } from '../dialogs/mainDialog.js';
import { setTurnCitizen } from '../dialogs/turnCitizen.js';
import { resolveLocale, translator } from '../locales/i18n.js';
import { detectCrisis } from '../domain/crisis/detector.js';
import { guessLanguage } from '../domain/crisis/language.js';
import type { StaffChat } from './alerts/staffChat.js';
import { cardSubmitText } from './cardSubmit.js';
import type { CrisisResponder } from './crisis/crisisResponder.js';
import type { TeamsStaffRecognizer } from './teams/teamsStaffRecognizer.js';
import type { Logger } from './logger.js';
import type { EnrollmentService } from './people/enrollmentService.js';
import type { LinkedPerson, PeopleDirectory } from './people/peopleDirectory.js';

export interface CompanionBotDeps {
  people: PeopleDirectory;
  crisis: CrisisResponder;
  staffChat: StaffChat;
  teamsStaff: TeamsStaffRecognizer;
  enrollment: EnrollmentService;
  /** Where the dialog stack lives: conversation state, saved after every turn. */
  dialogState: StatePropertyAccessor<DialogState>;
  /** Every state saved after a turn. */
  states: BotState[];
  mainDialog: Dialog;
  /** Called on every message from a citizen: any reaction counts as answering their reminders. */
  onCitizenActivity: (citizenId: string) => Promise<void>;
  /** Called when a staff member links a chat (code or Teams): alerts that could not reach them are sent now. */
  onStaffLinked: (staffId: string) => Promise<void>;
  logger: Logger;
}

/** The ActivityHandler: recognises who is writing and routes the turn. */
export class CompanionBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: CompanionBotDeps) {
    super();
    this.dialogs = new DialogSet(deps.dialogState).add(deps.mainDialog);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.from.id);
      const botItself = context.activity.from.id === context.activity.recipient.id;
      if (joined && !botItself) await this.greet(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    shareDialogMemory(context);
    await super.run(context);
    for (const state of this.deps.states) await state.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Safety first: before any lookup, whatever dialog the person is in, enrolled or not.
    const crisis = detectCrisis(activity.text ?? '');
    if (crisis.tier !== 'none') {
      await this.deps.crisis.respond(context, crisis);
      return;
    }
    // Weak signals add up across turns, and an open "are you safe?" question takes the answer.
    if (await this.deps.crisis.handleOrdinary(context, crisis)) return;
    // A card button is the same answer as typing it; from here on only text matters.
    const submitted = cardSubmitText(activity.value);
    if (submitted !== undefined && !activity.text) activity.text = submitted;

    const person = await this.deps.people.find(activity.channelId, activity.from.id);
    if (person?.kind !== 'staff' && guessLanguage(activity.text ?? '') === 'unknown') {
      await this.deps.crisis.noteUnknownLanguage(context, person);
      return;
    }
    if (!person) {
      const staff = await this.deps.teamsStaff.recognize(context, referenceOf(context));
      if (staff?.kind === 'staff') await this.welcomeStaff(context, staff);
      else await this.tryEnrollment(context);
      return;
    }
    await this.deps.people.rememberReference(person, referenceOf(context));
    if (person.kind === 'citizen') await this.converse(context, person);
    else if (!(await this.deps.staffChat.handle(context, person))) await this.replyToStaff(context, person);
  }

  /** Continues the citizen's dialog where it stands, or starts the main flow with this message. */
  private async converse(context: TurnContext, citizen: Extract<LinkedPerson, { kind: 'citizen' }>): Promise<void> {
    setTurnCitizen(context, { citizenId: citizen.citizenId, locale: resolveLocale(citizen.locale), timeZone: citizen.timeZone });
    if (citizen.awaitingReaction !== false) await this.deps.onCitizenActivity(citizen.citizenId);
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.beginDialog(MAIN_DIALOG);
    }
  }

  private async greet(context: TurnContext): Promise<void> {
    const person = await this.deps.people.find(context.activity.channelId, context.activity.from.id);
    if (person?.kind === 'staff') await this.replyToStaff(context, person);
    else if (!person) await context.sendActivity(translator(resolveLocale(context.activity.locale))('welcome.unknown'));
  }

  private async tryEnrollment(context: TurnContext): Promise<void> {
    const { activity } = context;
    const t = translator(resolveLocale(activity.locale));
    const outcome = await this.deps.enrollment.redeem({
      channelId: activity.channelId,
      userId: activity.from.id,
      conversationKey: `${activity.channelId}/${activity.conversation.id}`,
      // Stamped by the embedded web chat, which hands out a new person per conversation.
      clientAddress: typeof activity.channelData?.clientAddress === 'string' ? activity.channelData.clientAddress : undefined,
      text: activity.text ?? '',
      reference: referenceOf(context),
    });
    this.deps.logger.info({ outcome: outcome.kind, channelId: activity.channelId }, 'enrollment attempt');
    switch (outcome.kind) {
      case 'not-a-code':
        await context.sendActivity(t('welcome.unknown'));
        return;
      case 'locked-out':
        await context.sendActivity(t('enrollment.lockedOut'));
        return;
      case 'unknown':
      case 'expired':
      case 'used':
        await context.sendActivity(t(`enrollment.${outcome.kind}`));
        return;
      case 'linked': {
        const person = outcome.person;
        const linkedT = translator(resolveLocale(person.locale));
        if (person.kind === 'staff') {
          await this.welcomeStaff(context, person);
          return;
        }
        await context.sendActivity(linkedT('enrollment.linkedCitizen', { name: person.name }));
        await this.converse(context, person);
      }
    }
  }

  /** The greeting comes first, then the alerts that waited for this chat. */
  private async welcomeStaff(context: TurnContext, staff: Extract<LinkedPerson, { kind: 'staff' }>): Promise<void> {
    await context.sendActivity(translator(resolveLocale(staff.locale))('enrollment.linkedStaff', { name: staff.name }));
    await this.deps.onStaffLinked(staff.staffId);
  }

  private async replyToStaff(context: TurnContext, person: Extract<LinkedPerson, { kind: 'staff' }>): Promise<void> {
    await context.sendActivity(translator(resolveLocale(person.locale))('known.staff', { name: person.name }));
  }
}

/** The reference a proactive message needs later, as plain JSON. */
export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  return JSON.parse(JSON.stringify(Turn.getConversationReference(context.activity))) as Partial<ConversationReference>;
}
