import { describe, expect, it } from 'vitest';
import { consentIsCurrent, recognizeWithdrawal } from '../../../domain/privacy/consent.js';

describe('withdrawing consent in words', () => {
  it.each([
    ['Jeg vil ikke være med mere', true],
    ['jeg VIL IKKE VAERE MED MERE!', true],
    ['Jeg vil gerne trække mit samtykke tilbage', true],
    ['I want to withdraw my consent', true],
    ["I don't want to take part anymore", true],
    ['Jeg vil ikke være med til mødet i morgen', false],
    ['Jeg vil gerne være med', false],
    ['stop', false],
    ['', false],
  ])('when the citizen writes "%s", then withdrawal is %s', (text, expected) => {
    expect(recognizeWithdrawal(text)).toBe(expected);
  });
});

describe('consent and the information text version', () => {
  it.each([
    [{ consent: 'ACCEPTED' as const, consentVersion: 'v2' }, 'v2', true],
    [{ consent: 'ACCEPTED' as const, consentVersion: 'v1' }, 'v2', false],
    [{ consent: 'DECLINED' as const, consentVersion: 'v2' }, 'v2', false],
    [{ consent: null, consentVersion: null }, 'v2', false],
  ])('when the profile is %o and the text is %s, then consent is current: %s', (profile, version, expected) => {
    expect(consentIsCurrent(profile, version)).toBe(expected);
  });
});
