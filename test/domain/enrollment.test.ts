import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  classifyEnrollmentCode,
  ENROLLMENT_ALPHABET,
  generateEnrollmentCode,
  hashEnrollmentCode,
  parseEnrollmentAttempt,
} from '../../domain/enrollment.js';

describe('enrollment codes', () => {
  it('when codes are generated, then they use only unambiguous characters, hold a digit and read as XXXX-XXXX', () => {
    for (let i = 0; i < 500; i += 1) {
      const code = generateEnrollmentCode(randomBytes);
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(code).toMatch(/[2-9]/);
      for (const char of code.replace('-', '')) expect(ENROLLMENT_ALPHABET).toContain(char);
      expect(code).not.toMatch(/[01OIL]/);
    }
  });

  it('when randomness only offers biased bytes, then they are rejected rather than skewing the alphabet', () => {
    let calls = 0;
    // First call: only bytes above the unbiased limit (248); second call: usable bytes.
    const source = (size: number) => {
      calls += 1;
      return calls === 1 ? new Uint8Array(size).fill(250) : Uint8Array.from({ length: size }, (_, i) => i * 7 + 3);
    };
    expect(generateEnrollmentCode(source)).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(calls).toBe(2);
  });

  it.each([
    ['K7QM-4RTX', 'K7QM4RTX'],
    ['k7qm4rtx', 'K7QM4RTX'],
    [' k7qm 4rtx ', 'K7QM4RTX'],
    ['K7QM–4RTX', 'K7QM4RTX'],
    ['O0IL-1234', 'O0IL1234'],
  ])('when a person types %j, then it is read as the attempt %s', (typed, canonical) => {
    expect(parseEnrollmentAttempt(typed)).toBe(canonical);
  });

  it.each(['hej', 'GODMORGEN', 'HELLOBOT', 'K7QM-4RT', 'K7QM-4RTXX', '', '🙂🙂🙂🙂🙂🙂🙂🙂', 'æøåæøå12'])(
    'when a person types %j, then it is not taken as a code attempt',
    (typed) => {
      expect(parseEnrollmentAttempt(typed)).toBeUndefined();
    },
  );

  it('when the same code is typed differently, then it hashes the same', () => {
    expect(hashEnrollmentCode('k7qm 4rtx')).toBe(hashEnrollmentCode('K7QM-4RTX'));
    expect(hashEnrollmentCode('K7QM-4RTX')).not.toBe(hashEnrollmentCode('K7QM-4RTY'));
  });

  it('when a code is checked, then used beats expired and expiry is exclusive of the deadline', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const later = new Date('2026-11-24T10:00:00Z');
    expect(classifyEnrollmentCode({ expiresAt: later, usedAt: null }, now)).toBe('valid');
    expect(classifyEnrollmentCode({ expiresAt: now, usedAt: null }, now)).toBe('expired');
    expect(classifyEnrollmentCode({ expiresAt: now, usedAt: now }, now)).toBe('used');
  });
});
