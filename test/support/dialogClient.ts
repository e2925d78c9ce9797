import type { Activity, ConversationState, Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { Dialog } from 'botbuilder-dialogs';
import { cardSubmitText } from '../../bot/cardSubmit.js';
import { MainDialog } from '../../dialogs/mainDialog.js';
import type { CitizenProfile } from '../../dialogs/services.js';
import { setTurnCitizen, type TurnCitizen } from '../../dialogs/turnCitizen.js';
import { fakeServices } from './fakeServices.js';

/** Drives a real dialog through botbuilder's DialogTestClient, as the bot does: citizen on the turn, card submits as text. */
export class CitizenDialogClient {
  private readonly client: DialogTestClient;

  /** `citizen` is read at each turn, as the bot reloads the person (a language change shows next turn); `state` lets a test reach the stored dialog state. */
  constructor(dialog: Dialog, citizen: () => TurnCitizen, options?: unknown, state?: ConversationState) {
    const onTurn: Middleware = {
      onTurn: async (context, next) => {
        setTurnCitizen(context, citizen());
        const submitted = cardSubmitText(context.activity.value);
        if (submitted !== undefined && !context.activity.text) context.activity.text = submitted;
        await next();
      },
    };
    this.client = new DialogTestClient('test', dialog, options, [onTurn], state);
  }

  /** Sends text and returns every reply of the turn (text, with card attachments counted as present). */
  async say(text: string): Promise<string[]> {
    return this.collect(await this.client.sendActivity(text));
  }

  async send(activity: Partial<Activity>): Promise<string[]> {
    return this.collect(await this.client.sendActivity(activity));
  }

  get status(): string {
    return this.client.dialogTurnResult.status;
  }

  private collect(first: Partial<Activity> | undefined): string[] {
    const replies: string[] = [];
    let reply = first;
    while (reply) {
      replies.push(reply.text ?? (reply.attachments?.length ? '[card]' : ''));
      reply = this.client.getNextReply();
    }
    return replies;
  }
}

/** The main dialog for one citizen on in-memory services; `walk` sends several messages and returns the last replies. */
export function startCitizenDialog(profile: Partial<CitizenProfile> = { consent: 'ACCEPTED' }, state?: ConversationState) {
  const fake = fakeServices(profile);
  const citizen = () => ({ citizenId: fake.profile.citizenId, locale: fake.profile.locale, timeZone: fake.profile.timeZone });
  const client = new CitizenDialogClient(new MainDialog(fake.services), citizen, undefined, state);
  const walk = async (...inputs: string[]): Promise<string> => {
    let last: string[] = [];
    for (const input of inputs) last = await client.say(input);
    return last.join('\n');
  };
  return { fake, client, walk };
}
