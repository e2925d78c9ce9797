import { spawn } from 'node:child_process';
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

describe('where log lines go', () => {
  it('when a quiet service logs one line, then it reaches stdout without waiting for more, and a line logged as the process exits is not lost', async () => {
    // A child with the service's logger: one line, then it idles until told to stop, logs once more and exits at once.
    const script = `
      const { createLogger } = await import('./bot/logger.ts');
      const logger = createLogger('info');
      logger.info('quiet line');
      setInterval(() => {}, 1000);
      process.on('SIGTERM', () => { logger.info('last line'); process.exit(0); });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('quiet line')) resolve();
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(['quiet line', 'last line']);
  }, 20_000);
});
