import { describe, expect, it } from 'vitest';
import { absencePeriod, type AlertRecipient, alertRecipientNow, isAwayAt, type StaffNow } from '../../domain/alertRecipient.js';

const monday = new Date('2026-11-30T00:00:00+01:00');
const here = (id: string): StaffNow => ({ id, active: true, absence: null });
const away = (id: string, substituteId: string | null): StaffNow => ({ id, active: true, absence: { substituteId, endsAt: monday } });
const gone = (id: string): StaffNow => ({ id, active: false, absence: null });

describe('who receives a new alert now', () => {
  const cases: Array<[string, StaffNow, StaffNow | undefined, StaffNow[], AlertRecipient]> = [
    ['when the own caseworker is here, then they receive it', here('mette'), here('lars'), [], { to: 'caseworker', staffId: 'mette' }],
    ['when the caseworker is away with a substitute who is here, then the substitute receives it', away('mette', 'jonas'), here('lars'), [here('jonas')], { to: 'substitute', staffId: 'jonas', awayStaffId: 'mette', backAt: monday }],
    ['when the caseworker is away without a substitute, then the backup receives it', away('mette', null), here('lars'), [], { to: 'backup', staffId: 'lars', awayStaffId: 'mette', backAt: monday }],
    ['when the substitute is away too, then the backup receives it', away('mette', 'jonas'), here('lars'), [away('jonas', null)], { to: 'backup', staffId: 'lars', awayStaffId: 'mette', backAt: monday }],
    ['when the substitute has been deactivated, then the backup receives it', away('mette', 'jonas'), here('lars'), [gone('jonas')], { to: 'backup', staffId: 'lars', awayStaffId: 'mette', backAt: monday }],
    ['when the caseworker is away and there is no backup, then the coordinators receive it', away('mette', null), undefined, [], { to: 'coordinators', awayStaffId: 'mette', backAt: monday }],
    ['when the caseworker and the backup are both away, then the coordinators receive it', away('mette', null), away('lars', null), [], { to: 'coordinators', awayStaffId: 'mette', backAt: monday }],
    ['when the caseworker has been deactivated, then their old substitute is ignored and the backup receives it', { ...gone('mette'), absence: { substituteId: 'jonas', endsAt: monday } }, here('lars'), [here('jonas')], { to: 'backup', staffId: 'lars', awayStaffId: 'mette', backAt: null }],
    ['when the caseworker has been deactivated and there is no backup, then the coordinators receive it', gone('mette'), undefined, [], { to: 'coordinators', awayStaffId: 'mette', backAt: null }],
  ];
  it.each(cases)('%s', (_name, caseworker, backup, others, expected) => {
    const people = new Map(others.map((person) => [person.id, person]));
    expect(alertRecipientNow(caseworker, backup, (id) => people.get(id))).toEqual(expected);
  });
});

describe('isAwayAt', () => {
  const absence = { startsAt: new Date('2026-11-23T00:00:00+01:00'), endsAt: monday, cancelledAt: null };
  it.each([
    ['when now is the first instant away, then away', new Date('2026-11-23T00:00:00+01:00'), absence, true],
    ['when now is just before the start, then here', new Date('2026-11-22T23:59:59+01:00'), absence, false],
    ['when now is the first instant back, then here', monday, absence, false],
    ['when the absence was cancelled, then here', new Date('2026-11-25T12:00:00+01:00'), { ...absence, cancelledAt: new Date('2026-11-24T00:00:00Z') }, false],
  ])('%s', (_name, now, given, expected) => {
    expect(isAwayAt(given, now)).toBe(expected);
  });
});

describe('absencePeriod', () => {
  it.each([
    ['when away Monday to Friday in winter, then from Monday 00:00 to Saturday 00:00 Danish time', '2026-11-23', '2026-11-27', '2026-11-22T23:00:00.000Z', '2026-11-27T23:00:00.000Z'],
    ['when the absence spans the switch to summer time, then the return is at local midnight', '2026-03-27', '2026-03-29', '2026-03-26T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
  ])('%s', (_name, first, last, startsAt, endsAt) => {
    const period = absencePeriod(first, last, 'Europe/Copenhagen');
    expect([period.startsAt.toISOString(), period.endsAt.toISOString()]).toEqual([startsAt, endsAt]);
  });
});
