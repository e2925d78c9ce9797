import type { RunningApp } from '../../bot/app.js';
import type { ChannelUser } from './standInChannel.js';

/** A browser-less console visitor: keeps the session cookie and reads the CSRF token from pages. */
export class ConsoleVisitor {
  private cookie = '';
  csrf = '';

  constructor(private readonly app: RunningApp) {}

  /** Signs in as this staff member through a one-time link, as a person clicking it would. */
  async signInAs(staffId: string): Promise<void> {
    await this.follow(await this.app.staffConsole.signInLinkFor(staffId, this.app.url));
  }

  /** Follows a sign-in link and keeps the session cookie it sets. */
  async follow(link: string): Promise<Response> {
    const response = await fetch(link, { redirect: 'manual' });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] as string;
    return response;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string; response: Response }> {
    const response = await fetch(`${this.app.url}${path}`, { headers: { cookie: this.cookie, ...headers }, redirect: 'manual' });
    const html = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (csrf) this.csrf = csrf;
    return { status: response.status, html, response };
  }

  /** Posts a form as the page would: with the CSRF token unless `csrf` says otherwise. */
  async post(path: string, fields: Record<string, string>, csrf: string | null = this.csrf): Promise<{ status: number; location: string | null; html: string }> {
    const body = new URLSearchParams({ ...fields, ...(csrf === null ? {} : { _csrf: csrf }) });
    const response = await fetch(`${this.app.url}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'manual',
    });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }
}

/**
 * The citizen tells the bot "jeg er blevet syg" and answers what it asks (what happened, since when, send it?)
 * until the receipt arrives. Answers by what is asked, so the test does not depend on the exact order of questions.
 */
export async function reportIllness(citizen: ChannelUser): Promise<string> {
  let replies = await citizen.say('jeg er blevet syg');
  for (let step = 0; step < 6; step += 1) {
    const receipt = replies.find((reply) => /Jeg har sendt det til/.test(reply));
    if (receipt) return receipt;
    const asked = replies.at(-1) ?? '';
    const answer = /Hvad er der sket/.test(asked) ? '1' : /Fra hvornår/.test(asked) ? 'spring over' : /send det|Skal jeg sende/.test(asked) ? 'ja' : 'spring over';
    replies = await citizen.say(answer);
  }
  throw new Error(`no receipt; last replies: ${JSON.stringify(replies)}`);
}
