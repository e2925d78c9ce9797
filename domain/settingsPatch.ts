import { isPlainObject } from './plainObject.js';

/** A JSON-like value as settings are stored. */
export type SettingsValue = unknown;

/** One changed leaf of the settings: where, and what it was and became (undefined = absent). */
export interface SettingChange {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * Applies a partial update to settings, field by field at every depth: objects merge key by key, anything else
 * (numbers, strings, lists, null) replaces what was there. `isWhole(path)` names objects that only make sense as a
 * whole (an SLA rule: a clock and its duration) and are therefore replaced, not merged.
 */
export function mergeSettingsPatch(current: unknown, patch: unknown, isWhole: (path: string[]) => boolean = () => false, path: string[] = []): unknown {
  if (!isPlainObject(patch) || !isPlainObject(current) || isWhole(path)) return patch;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    merged[key] = mergeSettingsPatch(current[key], value, isWhole, [...path, key]);
  }
  return merged;
}

/**
 * The paths in `patch` that did not survive validation into `validated` (a schema drops keys it does not know):
 * a typo such as `quietHour` must be refused, not silently ignored.
 */
export function unknownSettingPaths(patch: unknown, validated: unknown, path: string[] = []): string[] {
  if (!isPlainObject(patch) || !isPlainObject(validated)) return [];
  return Object.entries(patch).flatMap(([key, value]) => {
    if (value === undefined) return [];
    if (!(key in validated)) return [[...path, key].join('.')];
    return unknownSettingPaths(value, validated[key], [...path, key]);
  });
}

/** Every leaf that differs between two versions of the settings, for the audit log's before/after. */
export function diffSettings(before: unknown, after: unknown, path: string[] = []): SettingChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffSettings(before[key], after[key], [...path, key]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path.join('.'), before, after }];
}
