import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { type DataKey, FieldCipher, KEY_ID_PATTERN } from './fieldCipher.js';

/** Where local mode keeps the key it generated, inside DATA_DIR. */
export const LOCAL_KEY_FILE = 'data-keys';

/**
 * Reads DATA_KEYS: `id:base64,older-id:base64`, each key 32 random bytes. The first seals new values;
 * the others only open values sealed before a rotation. Throws with a message naming what is wrong.
 */
export function parseDataKeys(text: string): DataKey[] {
  const keys = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      const id = entry.slice(0, colon);
      const key = Buffer.from(entry.slice(colon + 1), 'base64');
      if (colon < 1 || !KEY_ID_PATTERN.test(id)) throw new Error('each entry must be <id>:<base64 key>, the id 1–32 letters, digits, - or _');
      if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes in base64 (44 characters)`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error('must list at least one key');
  if (new Set(keys.map((key) => key.id)).size !== keys.length) throw new Error('key ids must differ');
  return keys;
}

/** A new DATA_KEYS entry with a random key, named after today's date unless an id is given. */
export function newDataKeyEntry(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * Local mode without DATA_KEYS: the key file in the data folder, generated on first start. The file
 * is as precious as the database beside it: without it the citizens' words cannot be read.
 */
export async function localDataKeys(dataDir: string): Promise<{ keys: DataKey[]; file: string; generated: boolean }> {
  const file = join(dataDir, LOCAL_KEY_FILE);
  try {
    return { keys: parseDataKeys(await readFile(file, 'utf8')), file, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file}: ${(error as Error).message}`);
  }
  const entry = newDataKeyEntry('local');
  // 'wx': two instances starting at once must not each write a different key.
  await writeFile(file, `${entry}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return { keys: parseDataKeys(await readFile(file, 'utf8')), file, generated: true };
}

/** A cipher with a fresh key that lives as long as the process: in-memory databases (tests, benchmarks' seeds). */
export function ephemeralCipher(): FieldCipher {
  return new FieldCipher([{ id: 'ephemeral', key: randomBytes(32) }]);
}

/** The keys that seal citizens' words: DATA_KEYS, else (never in production: config refuses) a key file in the data folder. */
export async function dataCipher(config: Pick<AppConfig, 'DATA_KEYS' | 'DATA_DIR'>, logger: Pick<Logger, 'info' | 'warn'>): Promise<FieldCipher> {
  if (config.DATA_KEYS) return new FieldCipher(parseDataKeys(config.DATA_KEYS));
  await mkdir(config.DATA_DIR, { recursive: true });
  const { keys, file, generated } = await localDataKeys(config.DATA_DIR);
  if (generated) logger.warn({ file }, 'DATA_KEYS is not set: generated a data key in the data folder; keep it with the database, without it the stored texts cannot be read');
  else logger.info({ file }, 'DATA_KEYS is not set: using the data key in the data folder');
  return new FieldCipher(keys);
}
