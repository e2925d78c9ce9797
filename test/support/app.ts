import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** Starts the real service on a free port with an embedded database in a fresh folder (or the given one). */
export async function startTestApp(env: Record<string, string> = {}): Promise<RunningApp & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'ledsager-test-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DATABASE_POOL_SIZE: '5',
    ...env,
    DATA_DIR: dataDir,
  });
  // TEST_LOG_LEVEL=debug shows the service's own logs when a test needs explaining.
  const app = await startApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
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
