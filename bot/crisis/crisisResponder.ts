import type { TurnContext } from 'botbuilder';
import { type CrisisContact, crisisContactLines, DEFAULT_CRISIS_CONTACTS } from '../../domain/crisisContacts.js';
import { resolveLocale, translator } from '../../locales/i18n.js';
import type { CaseworkerAlerts } from '../../dialogs/services.js';
import { type Logger, safeError } from '../logger.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';

/**
 * Answers a message that signals risk to life or safety. The safety message is
 * the first reply of the turn and needs nothing but memory: no database, no
 * dialog state. Only then is the caseworker alerted, if the person is enrolled.
 */
export class CrisisResponder {
  private contacts: CrisisContact[] = DEFAULT_CRISIS_CONTACTS;

  constructor(
    private readonly people: PeopleDirectory,
    private readonly alerts: CaseworkerAlerts,
    private readonly logger: Logger,
  ) {}

  /** Replaces the contacts shown (from the organisation's settings, at startup and on every change). */
  useContacts(contacts: CrisisContact[]): void {
    this.contacts = contacts;
  }

  async respond(context: TurnContext): Promise<void> {
    const { activity } = context;
    const locale = resolveLocale(activity.locale);
    await context.sendActivity(translator(locale)('crisis.message', { contacts: crisisContactLines(this.contacts, locale) }));
    try {
      const person = await this.people.find(activity.channelId, activity.from.id);
      if (person?.kind !== 'citizen') return;
      // Raised whatever the citizen's agreement: a risk to life is a vital interest, and the citizen was told crisis help always works.
      const receipt = await this.alerts.raise({ citizenId: person.citizenId, kind: 'crisis', severity: 'CRISIS', citizenText: activity.text ?? '' });
      await context.sendActivity(translator(resolveLocale(person.locale))('crisis.told', { name: receipt.assigneeName }));
    } catch (error) {
      // The person already has the numbers; log without their words.
      this.logger.error({ err: safeError(error), conversationId: activity.conversation.id }, 'crisis alert could not be raised');
    }
  }
}
