import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { isPlainObject } from '../../domain/plainObject.js';

/** One AES-256 key and the id stored beside every value it seals, so that keys can rotate. */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A sealed string: `enc:v1:<key id>:<base64 of iv, tag, ciphertext>`; `encj` when it holds a JSON value. */
const TEXT_PREFIX = 'enc:v1:';
const JSON_PREFIX = 'encj:v1:';
const SEALED = /^(enc|encj):v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=]+)$/;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Fresh random IVs, drawn from the system's CSPRNG a few hundred at a time: a turn seals two or
 * three values, and one call into OpenSSL per seal was a measurable part of its CPU. Each IV is
 * handed out once and copied into the sealed value before the pool is refilled.
 */
const ivPool = Buffer.alloc(IV_BYTES * 256);
let ivTaken = ivPool.length;

function freshIv(): Buffer {
  if (ivTaken === ivPool.length) {
    randomFillSync(ivPool);
    ivTaken = 0;
  }
  ivTaken += IV_BYTES;
  return ivPool.subarray(ivTaken - IV_BYTES, ivTaken);
}

/** Raised when a sealed value cannot be opened: an unknown key id, or a value that was altered. */
export class SealedValueError extends Error {}

/**
 * AES-256-GCM for citizens' free text at rest (node:crypto). New values are sealed with the first
 * key; any listed key opens the values it sealed, so a rotation runs while the service does.
 */
export class FieldCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly current: DataKey;

  constructor(keys: readonly DataKey[]) {
    const [current] = keys;
    if (!current) throw new Error('FieldCipher needs at least one key');
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new Error(`data key id "${id}" must be 1–32 letters, digits, - or _`);
      if (key.length !== 32) throw new Error(`data key "${id}" must be 32 bytes`);
    }
    this.current = current;
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  sealText(text: string): string {
    return this.seal(TEXT_PREFIX, text);
  }

  /** Seals any JSON value (object, array, number, …) as one string; `open` gives the value back. */
  sealValue(value: unknown): string {
    return this.seal(JSON_PREFIX, JSON.stringify(value));
  }

  /** Opens every sealed string anywhere in a query result, in place; everything else is left as it is. */
  openDeep<T>(value: T): T {
    if (typeof value === 'string') return (isSealed(value) ? this.open(value) : value) as T;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) value[i] = this.openDeep(value[i]);
    } else if (isPlainObject(value)) {
      const record: Record<string, unknown> = value;
      for (const key of Object.keys(record)) record[key] = this.openDeep(record[key]);
    }
    return value;
  }

  private seal(prefix: string, plain: string): string {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(`${prefix}${this.current.id}`));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${prefix}${this.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  private open(sealed: string): unknown {
    const [, kind, keyId, data] = SEALED.exec(sealed) as unknown as [string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new SealedValueError(`a stored value is sealed with data key "${keyId}", which DATA_KEYS does not list`);
    const bytes = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`${kind}:v1:${keyId}`));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    let plain: string;
    try {
      plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError(`a stored value sealed with data key "${keyId}" does not open: it was altered, or the key is not the one it was sealed with`);
    }
    return kind === 'encj' ? JSON.parse(plain) : plain;
  }
}

/** Whether a string is a sealed value (of any key). */
export function isSealed(value: string): boolean {
  return (value.startsWith(TEXT_PREFIX) || value.startsWith(JSON_PREFIX)) && SEALED.test(value);
}

/** The id of the key a sealed value was sealed with; undefined for clear text. */
export function sealedKeyId(value: string): string | undefined {
  return SEALED.exec(value)?.[2];
}
