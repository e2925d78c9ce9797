import {
  ActivityHandler,
  type BotState,
  type ConversationReference,
  type TurnContext,
  TurnContext as Turn,
} from 'botbuilder';
import { resolveLocale, translator } from './i18n.js';
import type { Logger } from './logger.js';
import type { EnrollmentService } from './people/enrollmentService.js';
import type { LinkedPerson, PeopleDirectory } from './people/peopleDirectory.js';

export interface CompanionBotDeps {
  people: PeopleDirectory;
  enrollment: EnrollmentService;
  /** Conversation and user state, saved after every turn. */
  states: BotState[];
  logger: Logger;
}

/** The ActivityHandler: recognises who is writing and routes the turn. */
export class CompanionBot extends ActivityHandler {
  constructor(private readonly deps: CompanionBotDeps) {
    super();
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
    await super.run(context);
    for (const state of this.deps.states) await state.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { channelId, from } = context.activity;
    const person = await this.deps.people.find(channelId, from.id);
    if (person) {
      await this.deps.people.rememberReference(person.identityId, referenceOf(context));
      await this.replyToKnown(context, person);
      return;
    }
    await this.tryEnrollment(context);
  }

  private async greet(context: TurnContext): Promise<void> {
    const person = await this.deps.people.find(context.activity.channelId, context.activity.from.id);
    if (person) await this.replyToKnown(context, person);
    else await context.sendActivity(translator(resolveLocale(context.activity.locale))('welcome.unknown'));
  }

  private async tryEnrollment(context: TurnContext): Promise<void> {
    const { activity } = context;
    const t = translator(resolveLocale(activity.locale));
    const outcome = await this.deps.enrollment.redeem({
      channelId: activity.channelId,
      userId: activity.from.id,
      conversationKey: `${activity.channelId}/${activity.conversation.id}`,
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
        const linkedT = translator(resolveLocale(outcome.person.locale));
        const key = outcome.person.kind === 'citizen' ? 'enrollment.linkedCitizen' : 'enrollment.linkedStaff';
        await context.sendActivity(linkedT(key, { name: outcome.person.name }));
      }
    }
  }

  private async replyToKnown(context: TurnContext, person: LinkedPerson): Promise<void> {
    const t = translator(resolveLocale(person.locale));
    await context.sendActivity(t(person.kind === 'citizen' ? 'known.citizen' : 'known.staff', { name: person.name }));
  }
}

/** The reference a proactive message needs later, as plain JSON. */
export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  return JSON.parse(JSON.stringify(Turn.getConversationReference(context.activity))) as Partial<ConversationReference>;
}
