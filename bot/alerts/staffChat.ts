import type { TurnContext } from 'botbuilder';
import { ALERT_VERBS, REPLY_INPUT_ID } from '../../cards/alertCard.js';
import type { Principal } from '../../domain/access.js';
import { parseStaffCommand, type StaffAction } from '../../domain/staffCommands.js';
import { translator } from '../../locales/i18n.js';
import { AppError } from '../errors.js';
import type { LinkedPerson } from '../people/peopleDirectory.js';
import type { AlertActions } from './alertActions.js';

type StaffPerson = Extract<LinkedPerson, { kind: 'staff' }>;

const verbActions: Record<string, StaffAction> = {
  [ALERT_VERBS.acknowledge]: 'acknowledge',
  [ALERT_VERBS.reply]: 'reply',
  [ALERT_VERBS.resolve]: 'resolve',
};

/**
 * Staff act on alerts from their own chat: the card's buttons (dispatched by
 * verb) or the same commands typed. Authorised by the linked identity, exactly
 * as the staff API authorises a token.
 */
export class StaffChat {
  constructor(private readonly actions: AlertActions) {}

  /** Handles an alert action; false when the message is not one (the caller then greets). */
  async handle(context: TurnContext, staff: StaffPerson): Promise<boolean> {
    const command = await this.commandOf(context, staff);
    if (!command) return false;
    const t = translator('da');
    if (!command.alertId) {
      await context.sendActivity(t('staff.notFound'));
      return true;
    }
    try {
      const principal = this.principalOf(staff);
      // An old card (or a colleague's) for an alert already closed: say so, never act on it again.
      const closedBy = await this.actions.closedBy(command.alertId, principal);
      if (closedBy) {
        await context.sendActivity(t('staff.alreadyClosed', { name: closedBy }));
        return true;
      }
      if (command.action === 'reply' && !command.text?.trim()) {
        await context.sendActivity(t('staff.emptyReply'));
        return true;
      }
      const done =
        command.action === 'acknowledge'
          ? await this.actions.acknowledge(command.alertId, principal)
          : command.action === 'reply'
            ? await this.actions.reply(command.alertId, principal, (command.text as string).trim())
            : await this.actions.resolve(command.alertId, principal);
      const key = { acknowledge: 'staff.acknowledged', reply: 'staff.replied', resolve: 'staff.resolved' }[command.action];
      await context.sendActivity(t(key, { citizen: done.citizenName }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await context.sendActivity(t(error.code === 'FORBIDDEN' ? 'staff.forbidden' : 'staff.notFound'));
    }
    return true;
  }

  private async commandOf(context: TurnContext, staff: StaffPerson): Promise<{ action: StaffAction; alertId?: string; text?: string } | undefined> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    const verbAction = typeof value?.verb === 'string' ? verbActions[value.verb] : undefined;
    if (verbAction) {
      const alertId = typeof value?.alertId === 'string' ? value.alertId : undefined;
      const text = typeof value?.[REPLY_INPUT_ID] === 'string' ? (value[REPLY_INPUT_ID] as string) : undefined;
      return { action: verbAction, ...(alertId ? { alertId } : {}), ...(text !== undefined ? { text } : {}) };
    }
    const typed = parseStaffCommand(context.activity.text ?? '');
    if (!typed) return undefined;
    const alertId = await this.actions.findByReference(typed.reference, this.principalOf(staff));
    return { action: typed.action, ...(alertId ? { alertId } : {}), ...(typed.text ? { text: typed.text } : {}) };
  }

  private principalOf(staff: StaffPerson): Principal {
    return { role: staff.role, staffId: staff.staffId, organisationId: staff.organisationId };
  }
}
