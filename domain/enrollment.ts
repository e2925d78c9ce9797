import { createHash } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other: no 0/O, no 1/I/L. */
export const ENROLLMENT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLLMENT_CODE_LENGTH = 8;
/** Wrong codes allowed per person per hour; the next ones are refused until the hour has passed (bot/people/enrollmentService.ts). */
export const MAX_WRONG_CODES_PER_HOUR = 5;

const DIGITS = /[2-9]/;

/**
 * A new code such as `K7QM-4RTX`. Always holds a digit, which lets the bot tell
 * a code attempt from an ordinary eight-letter word.
 * @param randomBytes source of randomness (crypto.randomBytes in production)
 */
export function generateEnrollmentCode(randomBytes: (size: number) => Uint8Array): string {
  for (;;) {
    const bytes = randomBytes(ENROLLMENT_CODE_LENGTH * 2);
    const chars: string[] = [];
    // Rejection sampling keeps every character equally likely.
    const limit = 256 - (256 % ENROLLMENT_ALPHABET.length);
    for (const byte of bytes) {
      if (byte < limit) chars.push(ENROLLMENT_ALPHABET[byte % ENROLLMENT_ALPHABET.length] as string);
      if (chars.length === ENROLLMENT_CODE_LENGTH) break;
    }
    const code = chars.join('');
    if (code.length === ENROLLMENT_CODE_LENGTH && DIGITS.test(code)) {
      return `${code.slice(0, 4)}-${code.slice(4)}`;
    }
  }
}

/**
 * The canonical form of what a person typed, when it is shaped like a code
 * (eight letters or digits including a digit, spaces and dashes ignored,
 * any case); otherwise undefined. Look-alike characters are kept, so a code
 * typed with an O counts as a wrong attempt rather than as chatter.
 */
export function parseEnrollmentAttempt(text: string): string | undefined {
  const compact = text.normalize('NFKC').replace(/[\s\-–.]/g, '').toUpperCase();
  if (compact.length !== ENROLLMENT_CODE_LENGTH || !/^[A-Z0-9]+$/.test(compact)) return undefined;
  return /[0-9]/.test(compact) ? compact : undefined;
}

/** What is stored: a hash of the canonical code, so a leaked table holds no usable codes. */
export function hashEnrollmentCode(code: string): string {
  const canonical = parseEnrollmentAttempt(code) ?? code;
  return createHash('sha256').update(canonical).digest('hex');
}

export type CodeState = 'valid' | 'expired' | 'used';

/** Classifies a stored code at a moment in time. */
export function classifyEnrollmentCode(code: { expiresAt: Date; usedAt: Date | null }, now: Date): CodeState {
  if (code.usedAt) return 'used';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
