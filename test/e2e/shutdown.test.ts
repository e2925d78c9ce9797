import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../bot/app.js';
import { openDatabase } from '../../bot/data/database.js';
import { TEST_DATA_KEYS } from '../support/app.js';
import { ephemeralCipher } from '../../bot/data/dataKeys.js';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/postgres.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

const SHUTDOWN_TIMEOUT_MS = 5000;
const BURST = 100;
/** Shaped like an enrollment code but unknown: every turn that handles it stores an attempt. */
const WRONG_CODE = 'ABCD-2345';

/** Starts the service as its own process (as in production) and resolves with its URL once it listens. */
async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; at: number }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'bot/index.ts'], {
    cwd: projectRoot(),
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const port = /"port":(\d+)[^\n]*"msg":"listening"/.exec(buffered)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    void exited.then(({ code }) => reject(new Error(`service exited with ${code} before listening: ${errors}`)));
  });
  return { child, url, exited };
}

describe('shutdown under traffic', () => {
  const channel = new StandInChannel();
  let dropDatabase = async () => {};
  afterAll(async () => {
    await channel.stop();
    await dropDatabase();
  });

  it('when SIGTERM arrives during a burst of 100 turns, then no request gets 500, late ones get 503 with Retry-After, every acknowledged turn is stored, and the process exits in time', async () => {
    await channel.start();
    // The data key as a deployment passes it, so the service writes no key file into the checkout.
    const env: Record<string, string> = { DATA_KEYS: TEST_DATA_KEYS };
    if (TEST_DATABASE_URL) {
      const scratch = await createScratchDatabase();
      dropDatabase = scratch.drop;
      env.DATABASE_URL = scratch.url;
    } else {
      env.DATA_DIR = await mkdtemp(join(tmpdir(), 'ledsager-shutdown-'));
    }
    const service = await startService(env);

    const post = (i: number) =>
      new ChannelUser(service.url, channel, `burst-${i}`, `conv-burst-${i}`).post(WRONG_CODE).then(
        async (response) => ({ i, status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() }),
        () => ({ i, status: 0, retryAfter: null, body: '' }),
      );
    const firstWave = Array.from({ length: BURST }, (_, i) => post(i));
    // SIGTERM as soon as the first turn is answered: the rest are in flight or queued.
    await Promise.race(firstWave);
    const signalledAt = Date.now();
    service.child.kill('SIGTERM');
    const secondWave = Array.from({ length: 20 }, (_, i) => post(BURST + i));
    const results = await Promise.all([...firstWave, ...secondWave]);
    const { code, at } = await service.exited;

    expect(results.filter((result) => result.status >= 500 && result.status !== 503)).toEqual([]);
    expect(results.filter((result) => result.status === 503).every((result) => result.retryAfter === '5')).toBe(true);
    expect(code).toBe(0);
    // The bound, plus the moment the process needs to exit once stop() returns.
    expect(at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);

    const acknowledged = results.filter((result) => result.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 2, cipher: ephemeralCipher() });
    try {
      const stored = await db.pool.query<{ key: string }>(`SELECT "conversationKey" AS key FROM "EnrollmentAttempt"`);
      const storedConversations = new Set(stored.rows.map((row) => /conv-burst-\d+/.exec(row.key)?.[0]));
      expect(acknowledged.filter((result) => !storedConversations.has(`conv-burst-${result.i}`))).toEqual([]);
    } finally {
      await db.close();
    }
    // Every acknowledged turn also got its reply out before the process went.
    for (const result of acknowledged) expect(channel.textsIn(`conv-burst-${result.i}`).length).toBeGreaterThan(0);
  }, 60_000);
});
