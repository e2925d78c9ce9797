import { DateTime } from 'luxon';

/** The web chat's deep link: the page sends the code once and takes it out of the address (web/webchat.js). */
export function chatDeepLink(baseUrl: string, code: string): string {
  const url = new URL('/', baseUrl);
  url.searchParams.set('code', code);
  return url.toString();
}

/** What the printed letter says, in words: the code, the link, until when the code works. */
export interface LetterView {
  citizenName: string;
  caseworkerName: string;
  organisationName: string;
  code: string;
  link: string;
  /** "7. december 2026": the last day the code works, in the organisation's time zone. */
  expiresWords: string;
}

export function letterView(
  input: { citizenName: string; caseworkerName: string; organisationName: string; code: string; expiresAt: Date },
  context: { baseUrl: string; timeZone: string; locale: 'da' | 'en' },
): LetterView {
  const expires = DateTime.fromJSDate(input.expiresAt, { zone: context.timeZone }).setLocale(context.locale);
  return {
    citizenName: input.citizenName,
    caseworkerName: input.caseworkerName,
    organisationName: input.organisationName,
    code: input.code,
    link: chatDeepLink(context.baseUrl, input.code),
    expiresWords: expires.toFormat(context.locale === 'da' ? 'd. LLLL yyyy' : 'd LLLL yyyy'),
  };
}
