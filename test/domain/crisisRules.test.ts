import { describe, expect, it } from 'vitest';
import { accumulate, type CrisisMemory, EMPTY_MEMORY } from '../../domain/crisis/accumulation.js';
import { detectCrisis } from '../../domain/crisis/detector.js';
import { parseFollowUpAnswer } from '../../domain/crisis/followUp.js';
import { guessLanguage } from '../../domain/crisis/language.js';
import { isBusinessTime, onCallFor } from '../../domain/crisis/onCall.js';
import { DEFAULT_BUSINESS_HOURS } from '../../domain/sla.js';

const noHolidays = () => false;
const at = (iso: string) => new Date(iso);

function conversation(messages: string[], start = at('2026-11-23T20:00:00Z')): Array<{ tier: string; total: number }> {
  let memory: CrisisMemory = EMPTY_MEMORY;
  return messages.map((text, index) => {
    const result = accumulate(memory, detectCrisis(text), new Date(start.getTime() + index * 60_000));
    memory = result.memory;
    return { tier: result.tier, total: Math.round(result.total * 100) / 100 };
  });
}

describe('risk across turns', () => {
  it('when two possible-risk messages come within a few turns, then the second reaches a clear risk', () => {
    const tiers = conversation(['jeg orker ikke mere', 'hvornår er mit møde', 'ingen ville savne mig']).map((turn) => turn.tier);
    expect(tiers).toEqual(['possible', 'none', 'clear']);
  });

  it('when an ordinary message follows a clear risk, then it is not answered as a risk again', () => {
    expect(conversation(['jeg står på taget', 'komme ud af huset']).map((turn) => turn.tier)).toEqual(['clear', 'none']);
  });

  it('when possible-risk messages are many turns apart, then each stays possible', () => {
    const tiers = conversation(['jeg orker ikke mere', 'ok', 'ja', 'nej', 'tak', 'hej', 'ingen ville savne mig']).map((turn) => turn.tier);
    expect(tiers[0]).toBe('possible');
    expect(tiers[6]).toBe('possible');
  });

  it('when weak signals repeat, then they add up to a possible risk, with decay', () => {
    expect(conversation(['jeg er en byrde', 'jeg er en byrde', 'jeg er en byrde'])).toEqual([
      { tier: 'none', total: 0.5 },
      { tier: 'none', total: 0.9 },
      { tier: 'possible', total: 1.22 },
    ]);
  });

  it('when a day has passed, then old signals are forgotten', () => {
    let memory = accumulate(EMPTY_MEMORY, detectCrisis('jeg orker ikke mere'), at('2026-11-20T10:00:00Z')).memory;
    const next = accumulate(memory, detectCrisis('ingen ville savne mig'), at('2026-11-23T10:00:00Z'));
    memory = next.memory;
    expect(next.tier).toBe('possible');
    expect(memory.signals).toHaveLength(1);
  });
});

describe('answers to the follow-up questions', () => {
  it.each([
    ['Ja', 'yes'],
    ['ja tak', 'yes'],
    ['yes I am', 'yes'],
    ['Nej', 'no'],
    ['nej ikke rigtig', 'no'],
    ['no', 'no'],
    ['Jeg ved det ikke', 'unsure'],
    ['ved ikke', 'unsure'],
    ["I don't know", 'unsure'],
    ['not sure', 'unsure'],
    ['måske', 'unsure'],
    ['3', undefined],
    ['jeg er hjemme i min lejlighed og ser tv med min kat', undefined],
    ['hvad', undefined],
  ])('when the answer is %j, then it reads as %s', (text, expected) => {
    expect(parseFollowUpAnswer(text)).toBe(expected);
  });
});

describe('who is on call', () => {
  const onCall = { staffIds: ['vagt-1', 'vagt-2'], hours: null };

  it.each([
    ['2026-11-23T10:00:00Z', true, 'Monday 11:00 in Copenhagen'],
    ['2026-11-23T15:30:00Z', false, 'Monday 16:30, after closing'],
    ['2026-11-28T10:00:00Z', false, 'Saturday'],
    ['2026-12-25T10:00:00Z', false, 'Christmas Day'],
  ])('when it is %s, then business time is %s (%s)', (iso, expected) => {
    const christmas = (date: string) => date === '2026-12-25';
    expect(isBusinessTime(at(iso), DEFAULT_BUSINESS_HOURS, christmas)).toBe(expected);
  });

  it('when a crisis is raised in business hours, then no on-call staff are added', () => {
    expect(onCallFor(at('2026-11-23T10:00:00Z'), DEFAULT_BUSINESS_HOURS, noHolidays, onCall)).toEqual({ outOfHours: false, staffIds: [] });
  });

  it('when a crisis is raised at night, then the on-call staff are told', () => {
    expect(onCallFor(at('2026-11-23T23:00:00Z'), DEFAULT_BUSINESS_HOURS, noHolidays, onCall)).toEqual({ outOfHours: true, staffIds: ['vagt-1', 'vagt-2'] });
  });

  it.each([
    ['2026-11-23T21:00:00Z', ['vagt-1'], '22:00 local, inside 16:00–02:00'],
    ['2026-11-24T02:30:00Z', [], '03:30 local, outside the window'],
  ])('when on-call covers 16:00–02:00 and it is %s, then %j are told (%s)', (iso, expected) => {
    const window = { staffIds: ['vagt-1'], hours: { from: '16:00', to: '02:00' } };
    expect(onCallFor(at(iso), DEFAULT_BUSINESS_HOURS, noHolidays, window).staffIds).toEqual(expected);
  });
});

describe('a language the bot does not understand', () => {
  it.each([
    ['jeg vil ik lev mer', 'known'],
    ['i wnat to die', 'known'],
    ['jeg har fået job i Netto', 'known'],
    ['K7QM-4RTX', 'known'],
    ['hej', 'known'],
    ['jeg har ondt i mit ben', 'known'],
    ['ich will nicht mehr leben', 'unknown'],
    ['nie wiem co mam robić', 'unknown'],
    ['لا أريد أن أعيش', 'unknown'],
    ['мне очень плохо', 'unknown'],
    ['ben çok kötüyüm ve yardım istiyorum', 'unknown'],
  ])('when someone writes %j, then the language is %s', (text, expected) => {
    expect(guessLanguage(text)).toBe(expected);
  });
});
