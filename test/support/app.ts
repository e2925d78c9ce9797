import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type RunningApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { newDataKeyEntry } from '../../bot/data/dataKeys.js';
import { createLogger } from '../../bot/logger.js';
import { ChannelUser, StandInChannel } from './standInChannel.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
/** Every test service shares one data key, as a deployment's instances share DATA_KEYS. */
export const TEST_DATA_KEYS = newDataKeyEntry('test');

/**
 * Starts the real service on a free port with an embedded database in a fresh folder (or the given one).
 * `clock` is the service's time for alerts, on-call hours and escalation: a test moves it instead of sleeping.
 */
export async function startTestApp(env: Record<string, string> = {}, clock?: () => Date): Promise<RunningApp & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'ledsager-test-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DATABASE_POOL_SIZE: '5',
    DATA_KEYS: TEST_DATA_KEYS,
    ...env,
    DATA_DIR: dataDir,
  });
  // TEST_LOG_LEVEL=debug shows the service's own logs when a test needs explaining.
  const app = await startApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), clock);
  return { ...app, dataDir };
}

/** Calls the staff API as a channel-less HTTP client would. */
export async function staffApi(
  app: { url: string },
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = options.token === undefined ? TEST_ADMIN_TOKEN : options.token;
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A running service (embedded database) and a stand-in channel for one describe block. */
export function useServiceWithChannel(env: Record<string, string> = {}, clock?: () => Date) {
  const context = { channel: new StandInChannel(), app: undefined as unknown as RunningApp & { dataDir: string } };
  beforeAll(async () => {
    await context.channel.start();
    context.app = await startTestApp(env, clock);
  });
  afterAll(async () => {
    await context.app.stop();
    await context.channel.stop();
  });
  return context;
}

/** Someone enrolled by sending their code from their own conversation, `conv-<userId>`. */
export async function enrolled(app: RunningApp, channel: StandInChannel, code: unknown, userId: string): Promise<ChannelUser> {
  const user = new ChannelUser(app.url, channel, userId, `conv-${userId}`);
  await user.say(String(code));
  return user;
}

/** Mette (caseworker, chatting in conv-mette) and Anna (citizen, conv-anna), who has agreed and chosen a contact time. */
export async function metteAndAnna(app: RunningApp, channel: StandInChannel): Promise<{ citizen: ChannelUser; citizenId: string }> {
  const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
  await enrolled(app, channel, mette.body.enrollmentCode, 'mette');
  const anna = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: mette.body.id } });
  const citizen = await enrolled(app, channel, anna.body.enrollmentCode, 'anna');
  await citizen.say('ja');
  await citizen.say('1');
  return { citizen, citizenId: String(anna.body.id) };
}
