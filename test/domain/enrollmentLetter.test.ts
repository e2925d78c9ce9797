import { describe, expect, it } from 'vitest';
import { chatDeepLink, letterView } from '../../domain/enrollmentLetter.js';

describe('the web chat link on the letter', () => {
  it.each([
    ['http://localhost:3978', 'K7QM-4RTX', 'http://localhost:3978/?code=K7QM-4RTX'],
    ['https://ledsager.aarhus.dk/', 'K7QM-4RTX', 'https://ledsager.aarhus.dk/?code=K7QM-4RTX'],
    // The chat page is at the root even when the console was reached at a deeper address.
    ['https://ledsager.aarhus.dk/console/citizens', 'AB2C-D3EF', 'https://ledsager.aarhus.dk/?code=AB2C-D3EF'],
  ])('when the service is at %s and the code is %s, then the link is %s', (base, code, link) => {
    expect(chatDeepLink(base, code)).toBe(link);
  });
});

describe('the letter view', () => {
  const input = { citizenName: 'Anna', caseworkerName: 'Mette Holm', organisationName: 'Jobcenter Aarhus', code: 'K7QM-4RTX' };
  it.each([
    // 22:59 UTC on the 7th is still the 7th in Copenhagen; 23:30 UTC is the 8th.
    ['2026-12-07T22:59:00Z', 'da', '7. december 2026'],
    ['2026-12-07T23:30:00Z', 'da', '8. december 2026'],
    ['2026-12-07T12:00:00Z', 'en', '7 December 2026'],
  ] as const)('when the code expires at %s, then the letter says %s in %s', (expiresAt, locale, words) => {
    const view = letterView({ ...input, expiresAt: new Date(expiresAt) }, { baseUrl: 'http://localhost:3978', timeZone: 'Europe/Copenhagen', locale });
    expect(view).toEqual({ ...input, link: 'http://localhost:3978/?code=K7QM-4RTX', expiresWords: words });
  });
});
