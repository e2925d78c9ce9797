import type { Activity, Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { Dialog } from 'botbuilder-dialogs';
import { cardSubmitText } from '../../bot/cardSubmit.js';
import { setTurnCitizen, type TurnCitizen } from '../../dialogs/turnCitizen.js';

/** Drives a real dialog through botbuilder's DialogTestClient, as the bot does: citizen on the turn, card submits as text. */
export class CitizenDialogClient {
  private readonly client: DialogTestClient;

  /** `citizen` is read at each turn, as the bot reloads the person (a language change shows next turn). */
  constructor(dialog: Dialog, citizen: () => TurnCitizen, options?: unknown) {
    const onTurn: Middleware = {
      onTurn: async (context, next) => {
        setTurnCitizen(context, citizen());
        const submitted = cardSubmitText(context.activity.value);
        if (submitted !== undefined && !context.activity.text) context.activity.text = submitted;
        await next();
      },
    };
    this.client = new DialogTestClient('test', dialog, options, [onTurn]);
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
