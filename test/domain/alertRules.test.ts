import { describe, expect, it } from 'vitest';
import { isOverdue, nextEscalation } from '../../domain/escalation.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs } from '../../domain/retry.js';
import { alertReference, parseStaffCommand } from '../../domain/staffCommands.js';
import { DEFAULT_CHANGE_SEVERITY, recognizeUrgentChange } from '../../domain/urgentChanges.js';

describe('urgent changes', () => {
  it.each([
    ['jeg er blevet syg', 'illness'],
    ['Jeg er indlagt', 'illness'],
    ['jeg er stoppet i praktikken', 'courseInterrupted'],
    ['Jeg har fundet en praktik!', 'internshipFound'],
    ['I got an internship', 'internshipFound'],
    ['jeg kan ikke klare praktikken', 'internshipAtRisk'],
    ['vi bliver sat ud', 'housing'],
    ['I got sick yesterday', 'illness'],
  ])('when a citizen writes %j, then it opens an urgent change of kind %s', (text, kind) => {
    expect(recognizeUrgentChange(text)).toBe(kind);
  });

  it.each(['mine mål', 'hej', '', 'jeg har det fint'])('when a citizen writes %j, then it is not an urgent change', (text) => {
    expect(recognizeUrgentChange(text)).toBeUndefined();
  });

  it('when severities are looked up, then illness, interruptions, internships and eviction are urgent', () => {
    expect(DEFAULT_CHANGE_SEVERITY.illness).toBe('URGENT');
    expect(DEFAULT_CHANGE_SEVERITY.internshipFound).toBe('URGENT');
    expect(DEFAULT_CHANGE_SEVERITY.housing).toBe('URGENT');
    expect(DEFAULT_CHANGE_SEVERITY.other).toBe('NORMAL');
  });
});

describe('escalation order', () => {
  it.each([
    [0, true, { level: 1, target: 'backup' }],
    [0, false, { level: 2, target: 'coordinators' }],
    [1, true, { level: 2, target: 'coordinators' }],
    [2, true, undefined],
    [2, false, undefined],
  ])('when an alert at level %i (backup: %s) is overdue, then it goes to %j', (level, hasBackup, next) => {
    expect(nextEscalation(level, hasBackup)).toEqual(next);
  });

  it('when an alert is acknowledged, then it is never overdue', () => {
    const past = new Date('2026-11-23T10:00:00Z');
    const now = new Date('2026-11-23T11:00:00Z');
    expect(isOverdue({ status: 'OPEN', dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: 'ACKNOWLEDGED', dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueAt: now }, past)).toBe(false);
  });
});

describe('retry timing', () => {
  it('when attempts fail, then the delay grows exponentially with jitter and stops at the budget', () => {
    const policy = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(4, policy, () => 1)).toBe(8000);
    expect(retryDelayMs(5, policy, () => 1)).toBeUndefined();
  });

  it('when the channel says Retry-After, then never retry sooner', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, () => 0, 2000)).toBe(2000);
    expect(parseRetryAfter('2', new Date())).toBe(2000);
    const now = new Date('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('staff text commands', () => {
  it.each([
    ['kvitter 3f2a1c', { action: 'acknowledge', reference: '3F2A1C' }],
    ['svar 3F2A1C Jeg ringer i morgen kl. 10', { action: 'reply', reference: '3F2A1C', text: 'Jeg ringer i morgen kl. 10' }],
    ['løs 3F2A1C', { action: 'resolve', reference: '3F2A1C' }],
    ['reply 3F2A1C see you', { action: 'reply', reference: '3F2A1C', text: 'see you' }],
  ])('when staff write %j, then it is %j', (text, command) => {
    expect(parseStaffCommand(text)).toEqual(command);
  });

  it.each(['svar 3F2A1C', 'hej 3F2A1C', 'kvitter', 'kvitter XYZ'])('when staff write %j, then it is not a command', (text) => {
    expect(parseStaffCommand(text)).toBeUndefined();
  });

  it('when an alert id is shortened, then it is six capitals', () => {
    expect(alertReference('3f2a1c9e-0000-4000-8000-000000000000')).toBe('3F2A1C');
  });
});

describe('alert metrics', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 10, minutes));
  it('when alerts are acknowledged in and out of time, then median and share within SLA follow', async () => {
    const { alertMetrics } = await import('../../domain/alertMetrics.js');
    const metrics = alertMetrics([
      { severity: 'URGENT', status: 'ACKNOWLEDGED', createdAt: at(0), acknowledgedAt: at(10), dueAt: at(30), escalationLevel: 0 },
      { severity: 'URGENT', status: 'RESOLVED', createdAt: at(0), acknowledgedAt: at(20), dueAt: at(30), escalationLevel: 0 },
      { severity: 'URGENT', status: 'ACKNOWLEDGED', createdAt: at(0), acknowledgedAt: at(50), dueAt: at(55), escalationLevel: 1 },
      { severity: 'URGENT', status: 'OPEN', createdAt: at(0), acknowledgedAt: null, dueAt: at(30), escalationLevel: 0 },
      { severity: 'CRISIS', status: 'OPEN', createdAt: at(0), acknowledgedAt: null, dueAt: at(15), escalationLevel: 0 },
    ]);
    expect(metrics.URGENT).toEqual({ total: 4, open: 1, acknowledged: 3, medianMinutesToAcknowledge: 20, withinSlaShare: 2 / 3 });
    expect(metrics.CRISIS).toEqual({ total: 1, open: 1, acknowledged: 0, medianMinutesToAcknowledge: null, withinSlaShare: null });
    expect(metrics.NORMAL.total).toBe(0);
  });
});
