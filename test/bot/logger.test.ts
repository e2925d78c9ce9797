import { describe, expect, it } from 'vitest';
import { Prisma } from '../../bot/data/generated/client.js';
import { safeError } from '../../bot/logger.js';

describe('what is logged of an error', () => {
  it('when an ordinary error is logged, then its type and message are kept', () => {
    expect(safeError(new RangeError('No business hours within a year'))).toEqual({ type: 'RangeError', message: 'No business hours within a year' });
  });

  it('when a Prisma error quotes the query, then only its type and code are logged, never the citizen\'s words', () => {
    const error = new Prisma.PrismaClientKnownRequestError('Invalid `prisma.alert.create()` invocation: { citizenText: "jeg har det svært" }', {
      code: 'P2002',
      clientVersion: '6.19.3',
    });
    const logged = safeError(error);
    expect(logged).toEqual({ type: 'PrismaClientKnownRequestError', code: 'P2002' });
    expect(JSON.stringify(logged)).not.toContain('svært');
  });

  it('when any error message quotes an invocation, then the message is left out', () => {
    expect(safeError(new Error('Invalid `tx.alert.update()` invocation in /x.ts: data { text: "Anna" }'))).toEqual({ type: 'Error' });
  });

  it('when something that is not an Error is thrown, then it is still described safely', () => {
    expect(safeError('boom')).toEqual({ type: 'String' });
    expect(safeError(undefined)).toEqual({ type: 'undefined' });
  });
});
