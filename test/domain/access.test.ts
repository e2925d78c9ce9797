import { describe, expect, it } from 'vitest';
import { canActOnCitizen, type Principal } from '../../domain/access.js';

const citizen = { organisationId: 'org', caseworkerId: 'cw-1', backupCaseworkerId: 'cw-2' };

describe('who may act on a citizen', () => {
  it.each<[string, Principal, boolean]>([
    ['the own caseworker', { role: 'CASEWORKER', staffId: 'cw-1', organisationId: 'org' }, true],
    ['the backup caseworker', { role: 'CASEWORKER', staffId: 'cw-2', organisationId: 'org' }, true],
    ['another caseworker', { role: 'CASEWORKER', staffId: 'cw-3', organisationId: 'org' }, false],
    ['a coordinator', { role: 'COORDINATOR', staffId: 'co-1', organisationId: 'org' }, true],
    ['the bootstrap admin', { role: 'COORDINATOR', staffId: null, organisationId: 'org' }, true],
    ['a coordinator of another organisation', { role: 'COORDINATOR', staffId: 'co-9', organisationId: 'other' }, false],
    ['a caseworker without staff id', { role: 'CASEWORKER', staffId: null, organisationId: 'org' }, false],
  ])('when %s asks, then access is %s', (_who, principal, allowed) => {
    expect(canActOnCitizen(principal, citizen)).toBe(allowed);
  });
});
