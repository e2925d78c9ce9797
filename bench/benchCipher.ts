// Kept apart from databases.ts (which reaches the whole app through projectRoot): the dispatch
// processes import only what they run, so their memory is theirs.
import { newDataKeyEntry, parseDataKeys } from '../bot/data/dataKeys.js';
import { FieldCipher } from '../bot/data/fieldCipher.js';

/** The benchmark's processes share one data key through DATA_KEYS, as a service's instances do. */
export function benchCipher(): FieldCipher {
  process.env.DATA_KEYS ??= newDataKeyEntry('bench');
  return new FieldCipher(parseDataKeys(process.env.DATA_KEYS));
}
