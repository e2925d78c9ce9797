import { describe, expect, it } from 'vitest';
import { type AlertFacts, alertView, byUrgency, periodWords, timeLeft } from '../../domain/alertView.js';
import { consoleTranslator } from '../../locales/i18n.js';

const da = consoleTranslator('da');
const en = consoleTranslator('en');
const NOW = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Copenhagen

function alert(overrides: Partial<AlertFacts> = {}): AlertFacts {
  return {
    id: '3f2a1c00-0000-4000-8000-000000000001',
    kind: 'illness',
    severity: 'URGENT',
    status: 'OPEN',
    dueAt: new Date('2026-11-24T11:00:00Z'),
    escalationLevel: 0,
    assigneeId: 'mette',
    assigneeName: 'Mette Holm',
    citizenId: 'anna-id',
    citizenName: 'Anna',
    payload: { facts: { from: '2026-11-22', to: '2026-11-27' }, citizenText: 'Jeg er blevet syg' },
    ...overrides,
  };
}

describe('time left to a deadline, in words and a tone', () => {
  it.each<[string, string, 'da' | 'en', string, string]>([
    ['2026-11-24T11:00:00Z', 'when two hours are left, then "om 2 timer" and it counts as close', 'da', 'om 2 timer', 'soon'],
    ['2026-11-24T14:00:00Z', 'when five hours are left, then it is not yet close', 'da', 'om 5 timer', 'later'],
    ['2026-11-24T09:30:00Z', 'when half an hour is left, then minutes', 'da', 'om 30 minutter', 'soon'],
    ['2026-11-24T08:00:00Z', 'when an hour has passed, then "overskredet med 1 time"', 'da', 'overskredet med 1 time', 'overdue'],
    ['2026-11-24T08:59:00Z', 'when one minute has passed, then "overskredet med 1 minut"', 'da', 'overskredet med 1 minut', 'overdue'],
    ['2026-11-27T09:00:00Z', 'when three days are left, then days', 'da', 'om 3 dage', 'later'],
    ['2026-11-24T09:00:10Z', 'when it is due now, then "nu"', 'da', 'nu', 'soon'],
    ['2026-11-24T08:00:00Z', 'when overdue in English, then "overdue by 1 hour"', 'en', 'overdue by 1 hour', 'overdue'],
    ['2026-11-24T10:59:00Z', 'when 1 h 59 min are left, then it rounds to "in 2 hours"', 'en', 'in 2 hours', 'soon'],
  ])('due %s: %s', (due, _name, locale, words, tone) => {
    expect(timeLeft(new Date(due), NOW, locale, locale === 'da' ? da : en)).toEqual({ words, tone });
  });
});

describe('periods of days, as people write them', () => {
  it.each<[string, string | undefined, 'da' | 'en', string]>([
    ['2026-11-22', '2026-11-27', 'da', '22.–27. november'],
    ['2026-11-28', '2026-12-03', 'da', '28. november – 3. december'],
    ['2026-12-28', '2027-01-03', 'da', '28. december – 3. januar 2027'],
    ['2026-11-22', undefined, 'da', '22. november'],
    ['2026-11-22', '2026-11-27', 'en', '22–27 November'],
  ])('when %s to %s (%s), then "%s"', (from, to, locale, words) => {
    expect(periodWords(from, to, locale, NOW)).toBe(words);
  });
});

describe('the alert view model (one for the inbox and the card)', () => {
  const context = { now: NOW, timeZone: 'Europe/Copenhagen', locale: 'da' as const, viewer: { staffId: 'mette', role: 'CASEWORKER' as const }, t: da };

  it('when an illness is reported with a period, then every field is in Danish words', () => {
    const view = alertView(alert(), context);
    expect(view).toMatchObject({
      reference: '3F2A1C',
      title: 'Haster: Syg eller indlagt fra Anna',
      kindWords: 'Syg eller indlagt',
      severityWords: 'Haster',
      statusWords: 'Ny',
      dueWords: 'i dag kl. 12:00',
      timeLeftWords: 'om 2 timer',
      tone: 'soon',
      citizenText: 'Jeg er blevet syg',
      citizenPath: '/console/citizens/anna-id',
      escalatedToViewer: false,
    });
    expect(view.facts).toEqual([
      { label: 'Svar senest', value: 'i dag kl. 12:00 (om 2 timer)' },
      { label: 'Periode', value: '22.–27. november' },
      { label: 'Reference', value: '3F2A1C' },
    ]);
  });

  it.each<[string, Record<string, unknown>, Array<{ label: string; value: string }>]>([
    ['a goal in their own words', { origin: 'own', goalId: 'g1' }, [{ label: 'Mål', value: 'Nyt mål i egne ord' }]],
    ['a guided goal', { origin: 'earlierWork', goalId: 'g1' }, [{ label: 'Mål', value: 'Nyt mål lavet sammen med Ledsager' }]],
    ['only a start date', { from: '2026-11-22' }, [{ label: 'Fra', value: '22. november' }]],
    ['unanswered reminders', { unansweredReminders: 3 }, [{ label: 'Ubesvarede påmindelser', value: '3' }]],
    ['a drop in a factor', { concerns: [{ kind: 'drop', factor: 'A', from: 4, to: 2 }] }, [{ label: 'Bekymring om', value: 'Tro på mig selv' }]],
    ['raw keys the reader cannot use', { goalId: 'g1', reminderKind: 'checkIn', status: null }, []],
  ])('when the facts hold %s, then they read as words', (_name, facts, expected) => {
    const view = alertView(alert({ payload: { facts } }), context);
    expect(view.facts.slice(1, -1)).toEqual(expected);
  });

  it('when the alert was passed on to the viewer, then it is marked and titled so', () => {
    const view = alertView(alert({ escalationLevel: 1, assigneeId: 'mette', dueAt: new Date('2026-11-24T08:00:00Z') }), context);
    expect(view.escalatedToViewer).toBe(true);
    expect(view.title).toBe('Sendt videre til dig: Syg eller indlagt fra Anna (Haster)');
    expect(view.tone).toBe('overdue');
    expect(view.facts).toContainEqual({ label: 'Sendt videre', value: '1 gang' });
  });

  it.each<[string, number, string, 'CASEWORKER' | 'COORDINATOR', boolean]>([
    ['a colleague holds it (backup), then it is not marked for me', 1, 'lone', 'CASEWORKER', false],
    ['it went to the coordinators and I am one, then it is marked', 2, 'lone', 'COORDINATOR', true],
    ['it is with the backup and I am a coordinator, then it is not marked', 1, 'lone', 'COORDINATOR', false],
    ['it was never passed on, then it is not marked', 0, 'mette', 'CASEWORKER', false],
  ])('when %s', (_name, escalationLevel, assigneeId, role, expected) => {
    expect(alertView(alert({ escalationLevel, assigneeId }), { ...context, viewer: { staffId: 'mette', role } }).escalatedToViewer).toBe(expected);
  });

  it('when the kind is unknown and there are no words, then the kind is "Andet" and there is no quote', () => {
    const view = alertView(alert({ kind: 'brand-new-kind', payload: {} }), context);
    expect(view.kindWords).toBe('Andet');
    expect(view.citizenText).toBeUndefined();
  });

  it('when read in English, then the texts are English', () => {
    const view = alertView(alert(), { ...context, locale: 'en', t: en });
    expect(view.dueWords).toBe('today at 12:00');
    expect(view.timeLeftWords).toBe('in 2 hours');
    expect(view.statusWords).toBe('New');
  });
});

describe('most urgent first', () => {
  it('when deadlines differ, then the earliest first; when equal, then crisis before urgent before normal', () => {
    const at = (iso: string) => new Date(iso);
    const alerts = [
      { name: 'normal-late', dueAt: at('2026-11-25T15:00:00Z'), severity: 'NORMAL' as const },
      { name: 'urgent-same', dueAt: at('2026-11-24T11:00:00Z'), severity: 'URGENT' as const },
      { name: 'crisis-same', dueAt: at('2026-11-24T11:00:00Z'), severity: 'CRISIS' as const },
      { name: 'normal-overdue', dueAt: at('2026-11-23T15:00:00Z'), severity: 'NORMAL' as const },
    ];
    expect([...alerts].sort(byUrgency).map((a) => a.name)).toEqual(['normal-overdue', 'crisis-same', 'urgent-same', 'normal-late']);
  });
});
