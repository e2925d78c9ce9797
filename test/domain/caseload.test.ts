import { describe, expect, it } from 'vitest';
import { byNeed, type CaseloadFacts, caseloadRow, checkInDirection, describePast, matchesName } from '../../domain/caseload.js';
import type { FactorScores } from '../../domain/progress.js';
import { consoleTranslator } from '../../locales/i18n.js';

const now = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Copenhagen
const zone = 'Europe/Copenhagen';
const da = { now, timeZone: zone, locale: 'da' as const, t: consoleTranslator('da') };
const scores = (a: number | null, b: number | null, c: number | null, d: number | null, e: number | null): FactorScores => ({ A: a, B: b, C: c, D: d, E: e });

const anna: CaseloadFacts = {
  citizenId: 'c1',
  name: 'Anna Jensen',
  caseworkerName: 'Mette Holm',
  openAlerts: 0,
  mostSevere: null,
  lastCitizenMessageAt: null,
  nextReminderAt: null,
  paused: false,
  silenced: false,
  consent: null,
  lastCheckIn: null,
  factorF: null,
};

describe('which way the latest check-in went', () => {
  it.each([
    ['no previous check-in', scores(50, 50, 50, 50, 50), null, 'first'],
    ['every factor higher', scores(75, 75, 75, 75, 75), scores(50, 50, 50, 50, 50), 'up'],
    ['every factor lower', scores(25, 50, 50, 50, 50), scores(75, 75, 75, 75, 75), 'down'],
    ['one factor one step up, the rest the same', scores(75, 50, 50, 50, 50), scores(50, 50, 50, 50, 50), 'up'],
    ['one factor up and another as much down', scores(75, 25, 50, 50, 50), scores(50, 50, 50, 50, 50), 'steady'],
    ['all the same', scores(50, 50, 50, 50, 50), scores(50, 50, 50, 50, 50), 'steady'],
    ['skipped items do not count', scores(null, 75, null, null, null), scores(100, 50, null, null, null), 'up'],
    ['nothing in common to compare', scores(null, 75, null, null, null), scores(100, null, null, null, null), 'first'],
  ] as const)('when %s, then it is %s', (_case, latest, previous, direction) => {
    expect(checkInDirection(latest, previous)).toBe(direction);
  });
});

describe('a past moment in words', () => {
  it.each([
    ['2026-11-24T08:15:00Z', 'i dag kl. 09:15'],
    ['2026-11-23T15:00:00Z', 'i går kl. 16:00'],
    ['2026-11-03T10:00:00Z', '3. november'],
    ['2025-12-24T10:00:00Z', '24. december 2025'],
    // 23:30 UTC on the 23rd is already the 24th in Copenhagen.
    ['2026-11-23T23:30:00Z', 'i dag kl. 00:30'],
  ])('when it was %s, then it reads %j', (at, words) => {
    expect(describePast(new Date(at), now, zone, 'da', da.t)).toBe(words);
  });
});

describe('a caseload row', () => {
  it.each([
    ['a citizen with nothing yet', anna, { openAlertsWords: 'Ingen', lastMessageWords: 'Endnu ikke', nextReminderWords: 'Ingen planlagt', reminderStatusWords: [], consentWords: 'Ikke svaret', checkInWords: 'Endnu ikke', direction: null, directionWords: '', factorFWords: 'Ikke vurderet' }],
    [
      'two open alerts, a message today, a reminder tomorrow, consent, a better check-in, F 3',
      {
        ...anna,
        openAlerts: 2,
        mostSevere: 'URGENT' as const,
        lastCitizenMessageAt: new Date('2026-11-24T07:00:00Z'),
        nextReminderAt: new Date('2026-11-25T09:00:00Z'),
        consent: 'ACCEPTED' as const,
        lastCheckIn: { at: new Date('2026-11-20T10:00:00Z'), latest: scores(75, 75, 75, 75, 75), previous: scores(50, 50, 50, 50, 50) },
        factorF: 3,
      },
      { openAlertsWords: '2 åbne', lastMessageWords: 'i dag kl. 08:00', nextReminderWords: 'i morgen kl. 10:00', consentWords: 'Ja', checkInWords: '20. november', direction: 'up', directionWords: 'bedre end sidst', factorFWords: '3 af 5' },
    ],
    [
      'paused and silenced, declined',
      { ...anna, paused: true, silenced: true, consent: 'DECLINED' as const, nextReminderAt: new Date('2026-11-25T09:00:00Z'), openAlerts: 1 },
      { openAlertsWords: '1 åben', nextReminderWords: 'Pauset', reminderStatusWords: ['Pauset', 'Svarer ikke – påmindelser stoppet'], consentWords: 'Nej' },
    ],
  ])('when %s, then the row says so in words', (_case, facts, expected) => {
    const row = caseloadRow(facts, da);
    expect(row).toMatchObject({ citizenId: 'c1', path: '/console/citizens/c1', name: 'Anna Jensen', ...expected });
  });

  it('when read in English, then the words are English', () => {
    const row = caseloadRow({ ...anna, openAlerts: 1, factorF: 4 }, { ...da, locale: 'en', t: consoleTranslator('en') });
    expect(row).toMatchObject({ openAlertsWords: '1 open', factorFWords: '4 of 5', consentWords: 'Not answered' });
  });
});

describe('the caseload order and search', () => {
  it('when sorted, then crisis comes first, then urgent, then any open alert, then the rest by name', () => {
    const list: CaseloadFacts[] = [
      { ...anna, citizenId: '1', name: 'Åse' },
      { ...anna, citizenId: '2', name: 'Bo', openAlerts: 1, mostSevere: 'NORMAL' },
      { ...anna, citizenId: '3', name: 'Carl', openAlerts: 1, mostSevere: 'CRISIS' },
      { ...anna, citizenId: '4', name: 'Anna' },
      { ...anna, citizenId: '5', name: 'Dorte', openAlerts: 3, mostSevere: 'URGENT' },
    ];
    // Danish order puts Å last.
    expect([...list].sort(byNeed).map((facts) => facts.name)).toEqual(['Carl', 'Dorte', 'Bo', 'Anna', 'Åse']);
  });

  it.each([
    ['anna', true],
    ['JENSEN', true],
    ['ann jen', true],
    ['søren', false],
    ['', true],
  ])('when searching %j in "Anna Jensen", then it matches: %s', (query, matches) => {
    expect(matchesName('Anna Jensen', query)).toBe(matches);
  });

  it('when searching without Danish letters, then Danish names are found', () => {
    expect(matchesName('Søren Ærø', 'soeren aeroe')).toBe(true);
    expect(matchesName('Søren Ærø', 'ærø')).toBe(true);
  });
});
