import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localDataKeys, newDataKeyEntry, parseDataKeys } from '../../../bot/data/dataKeys.js';
import { FieldCipher, isSealed, SealedValueError, sealedKeyId } from '../../../bot/data/fieldCipher.js';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('sealing citizens\' words (AES-256-GCM)', () => {
  const older = key('k1');
  const current = key('k2');
  const cipher = new FieldCipher([current, older]);

  it('when a text or a JSON value is sealed, then the stored string names the key, hides the words, differs each time and opens to the same value', () => {
    const sealed = cipher.sealText('Jeg er faldet på trappen');
    expect(sealed).toMatch(/^enc:v1:k2:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('trappen');
    expect(cipher.sealText('Jeg er faldet på trappen')).not.toBe(sealed);
    expect(cipher.openDeep(sealed)).toBe('Jeg er faldet på trappen');
    const value = { text: 'svar', n: 3, list: ['a', null] };
    expect(cipher.openDeep(cipher.sealValue(value))).toEqual(value);
    expect(sealedKeyId(sealed)).toBe('k2');
    expect(isSealed('enc:v1:k2:not base64!')).toBe(false);
  });

  it('when a thousand values are sealed one after another, then no two share an IV and each opens to its own value', () => {
    const sealed = Array.from({ length: 1000 }, (_, index) => cipher.sealText(`svar ${index}`));
    const ivs = sealed.map((value) => Buffer.from(value.split(':')[3] as string, 'base64').subarray(0, 12).toString('hex'));
    expect(new Set(ivs).size).toBe(1000);
    expect(sealed.map((value) => cipher.openDeep(value))).toEqual(sealed.map((_, index) => `svar ${index}`));
  });

  it('when a result holds sealed strings at any depth beside dates and numbers, then they are opened in place and the rest is untouched', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const result = [{ at, score: 2, goal: { text: cipher.sealText('glasblæser') }, payload: { citizenText: cipher.sealValue('hej'), kind: 'message' } }];
    expect(cipher.openDeep(result)).toEqual([{ at, score: 2, goal: { text: 'glasblæser' }, payload: { citizenText: 'hej', kind: 'message' } }]);
    expect(result[0]?.at).toBe(at);
  });

  it('when a value sealed under an older listed key is read, then it opens; under an unlisted key or altered, then it is refused, naming the key', () => {
    const old = new FieldCipher([older]).sealText('gammel');
    expect(cipher.openDeep(old)).toBe('gammel');
    expect(() => new FieldCipher([current]).openDeep(old)).toThrow(/"k1", which DATA_KEYS does not list/);
    const body = old.slice('enc:v1:k1:'.length);
    const flipped = Buffer.from(body, 'base64');
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 1, flipped.length - 1);
    expect(() => cipher.openDeep(`enc:v1:k1:${flipped.toString('base64')}`)).toThrow(SealedValueError);
    // A sealed text cannot be passed off as a sealed JSON value of the same key (the kind is authenticated).
    expect(() => cipher.openDeep(`encj:v1:${old.slice('enc:v1:'.length)}`)).toThrow(SealedValueError);
  });
});

describe('DATA_KEYS', () => {
  it.each([
    ['k1:' + randomBytes(32).toString('base64'), null],
    [`k2:${randomBytes(32).toString('base64')}, k1:${randomBytes(32).toString('base64')}`, null],
    ['', /at least one key/],
    [`k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
    [randomBytes(32).toString('base64'), /<id>:<base64 key>/],
    [`bad id:${randomBytes(32).toString('base64')}`, /<id>:<base64 key>/],
    [`k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`, /must differ/],
  ])('when DATA_KEYS is "%s", then it is accepted or refused with %s', (text, problem) => {
    if (problem) expect(() => parseDataKeys(text)).toThrow(problem);
    else expect(parseDataKeys(text)[0]?.key.length).toBe(32);
  });

  it('when a new entry is made, then it parses, with the id given or a dated one', () => {
    expect(parseDataKeys(newDataKeyEntry('k9'))[0]?.id).toBe('k9');
    expect(parseDataKeys(newDataKeyEntry())[0]?.id).toMatch(/^k\d{8}$/);
  });

  it('when local mode starts without DATA_KEYS, then a key file readable only by its owner is made once and reused after', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ledsager-keys-'));
    const first = await localDataKeys(folder);
    expect(first.generated).toBe(true);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    const second = await localDataKeys(folder);
    expect(second.generated).toBe(false);
    expect(second.keys[0]?.key.equals(first.keys[0]?.key as Buffer)).toBe(true);
    expect(await readFile(first.file, 'utf8')).toMatch(/^local:/);
  });
});
