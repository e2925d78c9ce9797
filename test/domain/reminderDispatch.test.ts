import { describe, expect, it } from 'vitest';
import { type DispatchDecision, type DispatchFacts, decideDispatch } from '../../domain/reminderDispatch.js';

const now = new Date('2026-11-24T13:00:00Z');
const later = new Date('2026-11-25T07:00:00Z');
const ready: DispatchFacts = {
  citizenActive: true,
  restricted: false,
  paused: false,
  silenced: false,
  consentAccepted: true,
  adHoc: false,
  hasReachableChat: true,
  now,
  nextAllowed: now,
};

describe('what happens to a claimed reminder', () => {
  it.each<[string, Partial<DispatchFacts>, DispatchDecision]>([
    ['when everything allows it, then it is sent', {}, { action: 'send' }],
    ['when the citizen has ended, then it is cancelled', { citizenActive: false }, { action: 'cancel' }],
    ['when processing is restricted, then it is cancelled', { restricted: true }, { action: 'cancel' }],
    ['when reminders are paused, then it is cancelled', { paused: true }, { action: 'cancel' }],
    ['when the citizen is silenced after non-response, then it is cancelled', { silenced: true }, { action: 'cancel' }],
    ['when the agreement is withdrawn, then it is cancelled', { consentAccepted: false }, { action: 'cancel' }],
    ['when cancelled and also out of hours, then cancelling wins', { paused: true, nextAllowed: later }, { action: 'cancel' }],
    ['when it is night, then it waits for the next allowed minute', { nextAllowed: later }, { action: 'defer', until: later }],
    ['when the next allowed minute is within a minute, then it is sent now', { nextAllowed: new Date(now.getTime() + 60_000) }, { action: 'send' }],
    ['when an ad-hoc check-in falls at night, then it is sent as the caseworker chose', { adHoc: true, nextAllowed: later }, { action: 'send' }],
    ['when no chat reaches the citizen, then it is unreachable', { hasReachableChat: false }, { action: 'unreachable' }],
    ['when no chat reaches the citizen at night, then it waits first', { hasReachableChat: false, nextAllowed: later }, { action: 'defer', until: later }],
  ])('%s', (_name, facts, expected) => {
    expect(decideDispatch({ ...ready, ...facts })).toEqual(expected);
  });
});
