import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, parseDanishDate, parseDate, parseEnglishDate, parsePeriod, todayIn } from '../../domain/dates.js';

describe('today in Copenhagen', () => {
  it.each([
    ['2026-03-28T22:30:00Z', '2026-03-28'], // 23:30 CET, the evening before summer time starts
    ['2026-03-28T23:30:00Z', '2026-03-29'], // 00:30 CET on the night of the change
    ['2026-03-29T22:30:00Z', '2026-03-30'], // 00:30 CEST: after the change midnight is at 22:00Z
    ['2026-10-24T22:30:00Z', '2026-10-25'], // 00:30 CEST on the night summer time ends
    ['2026-10-25T22:30:00Z', '2026-10-25'], // 23:30 CET after it ended
    ['2026-12-31T22:59:00Z', '2026-12-31'],
    ['2026-12-31T23:00:00Z', '2027-01-01'], // midnight at a year boundary
  ])('when it is %s, then the date in Copenhagen is %s', (instant, date) => {
    expect(todayIn('Europe/Copenhagen', new Date(instant))).toBe(date);
  });
});

describe('Danish dates', () => {
  // 2026-11-23 is a Monday.
  const monday = '2026-11-23';
  it.each([
    ['i dag', monday],
    ['idag', monday],
    ['I morgen', '2026-11-24'],
    ['imorgen', '2026-11-24'],
    ['i overmorgen', '2026-11-25'],
    ['på fredag', '2026-11-27'],
    ['fredag', '2026-11-27'],
    ['PAA FREDAG', '2026-11-27'],
    ['på mandag', '2026-11-30'],
    ['næste fredag', '2026-12-04'],
    ['søndag', '2026-11-29'],
    ['om 3 dage', '2026-11-26'],
    ['om tre dage', '2026-11-26'],
    ['om 1 dag', '2026-11-24'],
    ['om 2 uger', '2026-12-07'],
    ['om to uger', '2026-12-07'],
    ['næste uge', '2026-11-30'],
    ['24/12', '2026-12-24'],
    ['24.12.2026', '2026-12-24'],
    ['24-12-2026', '2026-12-24'],
    ['24/12-26', '2026-12-24'],
    ['1/1', '2027-01-01'], // already passed this year → next year
    ['23/11', monday], // today is not in the past
    ['2027-02-03', '2027-02-03'],
  ])('when a citizen writes %j on Monday 23 November 2026, then it means %s', (text, expected) => {
    expect(parseDanishDate(text, monday)).toBe(expected);
  });

  it.each(['31/11', '30.02.2027', 'i morges', 'snart', 'om mange dage', '', '🙂', '99/99', 'x'.repeat(2000)])(
    'when a citizen writes %j, then it is not a date',
    (text) => {
      expect(parseDanishDate(text, monday)).toBeUndefined();
    },
  );

  it.each(['31/02', '30/02'])('when a citizen writes a day that does not exist (%j), then no reading of it is a date', (text) => {
    expect(parseDate(text, new Date('2026-11-23T10:00:00Z'))).toBeUndefined();
  });

  it('when a week-based date crosses New Year, then the year rolls over', () => {
    expect(parseDanishDate('om 2 uger', '2026-12-24')).toBe('2027-01-07');
    expect(parseDanishDate('næste uge', '2026-12-30')).toBe('2027-01-04');
    expect(parseDanishDate('i morgen', '2026-12-31')).toBe('2027-01-01');
  });

  it('when "i morgen" is written just after midnight on the night summer time starts, then it is counted from the Copenhagen date', () => {
    // 23:30Z on 28 March is already 29 March in Copenhagen.
    expect(parseDate('i morgen', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-30');
    // 22:30Z on 29 March is 00:30 CEST on 30 March.
    expect(parseDate('i morgen', new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-31');
    // The night summer time ends: 23:30Z on 25 October is 00:30 CET on 26 October.
    expect(parseDate('om 1 dag', new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-27');
  });
});

describe('English dates', () => {
  it.each([
    ['tomorrow', '2026-11-24'],
    ['Friday', '2026-11-27'],
    ['December 24', '2026-12-24'],
  ])('when a citizen writes %j on 23 November 2026, then it means %s', (text, expected) => {
    expect(parseEnglishDate(text, '2026-11-23')).toBe(expected);
  });

  it('when English text has no date, then nothing is found', () => {
    expect(parseEnglishDate('whenever', '2026-11-23')).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it('when days are added across month and year ends, then the calendar is respected', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});

describe('periods', () => {
  const monday = new Date('2026-11-23T10:00:00Z');
  it.each([
    ['fra i går til fredag', { from: '2026-11-22', to: '2026-11-27' }],
    ['i dag til på fredag', { from: '2026-11-23', to: '2026-11-27' }],
    ['24/11 - 28/11', { from: '2026-11-24', to: '2026-11-28' }],
    ['2026-11-22 - 2026-11-27', { from: '2026-11-22', to: '2026-11-27' }],
    ['fra mandag', { from: '2026-11-30' }],
    ['i går', { from: '2026-11-22' }],
    ['from yesterday until Friday', { from: '2026-11-22', to: '2026-11-27' }],
    ['from yesterday to tomorrow', { from: '2026-11-22', to: '2026-11-24' }],
  ])('when a citizen writes %j, then the period is %j', (text, period) => {
    expect(parsePeriod(text, monday)).toEqual(period);
  });

  it.each([
    ['12/24-12/31', { from: '2026-12-24', to: '2026-12-31' }],
    ['12/1-12/5', { from: '2026-12-01', to: '2026-12-05' }],
  ])('when a citizen in December writes %j without a year, then the period is the one nearest today, %j', (text, period) => {
    expect(parsePeriod(text, new Date('2026-12-07T10:00:00Z'))).toEqual(period);
  });

  it.each(['snart', 'fra fredag til i går', ''])('when a citizen writes %j, then there is no period', (text) => {
    expect(parsePeriod(text, monday)).toBeUndefined();
  });
});
