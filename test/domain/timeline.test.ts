import { describe, expect, it } from 'vitest';
import { citizenTimeline, reminderFacts, type TimelineFact } from '../../domain/timeline.js';
import { consoleTranslator } from '../../locales/i18n.js';

const now = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Copenhagen
const context = { now, timeZone: 'Europe/Copenhagen', locale: 'da' as const, t: consoleTranslator('da') };
const at = (iso: string) => new Date(iso);

describe('a reminder in the timeline', () => {
  it.each([
    ['not sent yet', { sentAt: null, answeredAt: null }, []],
    ['sent an hour ago, not answered', { sentAt: at('2026-11-24T08:00:00Z'), answeredAt: null }, ['sent']],
    ['sent and answered', { sentAt: at('2026-11-20T08:00:00Z'), answeredAt: at('2026-11-20T09:00:00Z') }, ['sent', 'answered']],
    ['sent three days ago, never answered', { sentAt: at('2026-11-21T08:00:00Z'), answeredAt: null }, ['sent', 'missed']],
    ['sent exactly two days ago, not answered', { sentAt: at('2026-11-22T09:00:00Z'), answeredAt: null }, ['sent', 'missed']],
  ])('when %s, then it shows %j', (_case, times, events) => {
    expect(reminderFacts({ kind: 'checkIn', ...times }, now).map((fact) => (fact.type === 'reminder' ? fact.event : fact.type))).toEqual(events);
  });
});

describe('the citizen timeline', () => {
  const facts: TimelineFact[] = [
    { type: 'enrolled', at: at('2026-11-02T09:00:00Z') },
    { type: 'consent', at: at('2026-11-02T09:01:00Z'), decision: 'ACCEPTED' },
    { type: 'goal', at: at('2026-11-02T09:05:00Z'), event: 'created', text: 'Arbejde i en butik' },
    { type: 'step', at: at('2026-11-10T12:00:00Z'), event: 'done', text: 'Ringe til Netto' },
    { type: 'alert', at: at('2026-11-23T08:00:00Z'), kind: 'illness', severity: 'URGENT', citizenText: 'Jeg har feber' },
    { type: 'alertHandled', at: at('2026-11-23T08:30:00Z'), kind: 'illness', action: 'acknowledged', by: 'Mette Holm' },
    { type: 'staffMessage', at: at('2026-11-24T07:00:00Z'), by: 'Mette Holm', text: 'Kan du komme torsdag?' },
    { type: 'citizenMessage', at: at('2026-11-24T07:10:00Z'), text: 'Ja det kan jeg godt' },
    { type: 'reminder', at: at('2026-11-24T07:30:00Z'), kind: 'pulse', event: 'missed' },
    { type: 'hours', at: at('2026-11-24T08:00:00Z'), isoWeek: '2026-W48', hours: 7.5 },
    { type: 'assessment', at: at('2026-11-24T08:10:00Z'), score: 3, by: 'Mette Holm', note: 'God energi' },
    { type: 'checkIn', at: at('2026-11-24T08:20:00Z'), partial: true },
    { type: 'alertHandled', at: at('2026-11-24T08:30:00Z'), kind: 'illness', action: 'escalated', by: null },
  ];

  it('when events of every kind are given in any order, then they come newest first, grouped by day in words', () => {
    const days = citizenTimeline([...facts].reverse(), context);
    expect(days.map((day) => day.dayWords)).toEqual(['I dag', 'I går', 'tirsdag 10. november', 'mandag 2. november']);
    expect(days[0]?.entries.map((entry) => [entry.timeWords, entry.category, entry.text, entry.quote])).toEqual([
      ['09:30', 'alert', 'Sendt videre: Syg eller indlagt', undefined],
      ['09:20', 'progress', 'Check-in delvist besvaret', undefined],
      ['09:10', 'progress', 'Mette Holm vurderede F til 3 af 5', 'God energi'],
      ['09:00', 'progress', '7,5 ordinære timer i uge 48', undefined],
      ['08:30', 'reminders', 'Påmindelse ikke besvaret: ugens spørgsmål', undefined],
      ['08:10', 'fromCitizen', 'Borgeren skrev', 'Ja det kan jeg godt'],
      ['08:00', 'toCitizen', 'Mette Holm skrev til borgeren', 'Kan du komme torsdag?'],
    ]);
    expect(days[1]?.entries.map((entry) => [entry.text, entry.quote])).toEqual([
      ['Mette Holm har set: Syg eller indlagt', undefined],
      ['Haster: Syg eller indlagt', 'Jeg har feber'],
    ]);
    expect(days[3]?.entries.map((entry) => entry.text)).toEqual(['Nyt mål', 'Sagde ja til at bruge Ledsager', 'Forbundet med Ledsager']);
  });

  it('when an event was last year, then its day carries the year', () => {
    const [day] = citizenTimeline([{ type: 'enrolled', at: at('2025-12-24T10:00:00Z') }], context);
    expect(day?.dayWords).toBe('onsdag 24. december 2025');
  });

  it('when read in English, then days and texts are English', () => {
    const days = citizenTimeline(facts.slice(6, 8), { ...context, locale: 'en', t: consoleTranslator('en') });
    expect(days[0]?.dayWords).toBe('Today');
    expect(days[0]?.entries.map((entry) => entry.text)).toEqual(['The citizen wrote', 'Mette Holm wrote to the citizen']);
  });

  it('when nothing has happened, then there are no days', () => {
    expect(citizenTimeline([], context)).toEqual([]);
  });
});
