import { describe, expect, it } from 'vitest';
import { diffSettings, mergeSettingsPatch, unknownSettingPaths } from '../../domain/settingsPatch.js';

const current = {
  reminders: { checkInCadence: 'P4W', pulseCadence: 'P1W', quietHours: { from: '20:00', to: '08:00' }, nonResponseThreshold: 5 },
  sla: { CRISIS: { clock: 'wall', duration: 'PT15M' }, URGENT: { clock: 'business', duration: 'PT4H' } },
  changeSeverity: { money: 'URGENT' },
  crisisContacts: [{ phone: '112' }, { phone: '70201201' }, { phone: '1813' }],
};
const slaIsWhole = (path: string[]) => path.length === 2 && path[0] === 'sla';

describe('mergeSettingsPatch', () => {
  it.each([
    ['when only quiet hours are sent, then the cadence and threshold stay', { reminders: { quietHours: { from: '21:00', to: '07:00' } } }, 'reminders', { ...current.reminders, quietHours: { from: '21:00', to: '07:00' } }],
    ['when one quiet-hours bound is sent, then the other stays', { reminders: { quietHours: { to: '09:00' } } }, 'reminders', { ...current.reminders, quietHours: { from: '20:00', to: '09:00' } }],
    ['when quiet hours are set to null, then there are none and nothing else changes', { reminders: { quietHours: null } }, 'reminders', { ...current.reminders, quietHours: null }],
    ['when one severity is sent, then the others stay and its rule is replaced whole', { sla: { URGENT: { clock: 'endOfNextBusinessDay' } } }, 'sla', { CRISIS: current.sla.CRISIS, URGENT: { clock: 'endOfNextBusinessDay' } }],
    ['when one change kind is sent, then the other kinds stay', { changeSeverity: { housing: 'CRISIS' } }, 'changeSeverity', { money: 'URGENT', housing: 'CRISIS' }],
    ['when a list is sent, then it replaces the list', { crisisContacts: [{ phone: '112' }] }, 'crisisContacts', [{ phone: '112' }]],
  ])('%s', (_name, patch, key, expected) => {
    const merged = mergeSettingsPatch(current, patch, slaIsWhole) as Record<string, unknown>;
    expect(merged[key]).toEqual(expected);
    const untouched = Object.keys(current).filter((other) => other !== key);
    for (const other of untouched) expect(merged[other]).toEqual(current[other as keyof typeof current]);
  });
});

describe('unknownSettingPaths', () => {
  it.each([
    ['when every key survived validation, then none is unknown', { reminders: { quietHours: null } }, { reminders: { quietHours: null, pulseCadence: 'P1W' } }, []],
    ['when a nested key was dropped, then its path is named', { reminders: { quietHour: null } }, { reminders: { pulseCadence: 'P1W' } }, ['reminders.quietHour']],
    ['when a top-level key was dropped, then it is named', { colour: 'red' }, { reminders: {} }, ['colour']],
  ])('%s', (_name, patch, validated, expected) => {
    expect(unknownSettingPaths(patch, validated)).toEqual(expected);
  });
});

describe('diffSettings', () => {
  it.each([
    ['when nothing changed, then there is no change', current, structuredClone(current), []],
    ['when one nested leaf changed, then only it is listed with before and after', current, { ...current, reminders: { ...current.reminders, checkInCadence: 'P6W' } }, [{ path: 'reminders.checkInCadence', before: 'P4W', after: 'P6W' }]],
    ['when a key is added, then before is absent', { a: 1 }, { a: 1, b: { c: 2 } }, [{ path: 'b', before: undefined, after: { c: 2 } }]],
    ['when a list changed, then the whole list is the change', { list: [1, 2] }, { list: [1, 3] }, [{ path: 'list', before: [1, 2], after: [1, 3] }]],
  ])('%s', (_name, before, after, expected) => {
    expect(diffSettings(before, after)).toEqual(expected);
  });
});
