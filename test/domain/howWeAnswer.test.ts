import { describe, expect, it } from 'vitest';
import { type AlertHistory, answerFigures, checkInCompletion, howWeAnswer, percentile } from '../../domain/alertMetrics.js';

const t0 = new Date('2026-11-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const now = at(24 * 60);

/** Ten crisis alerts with a 15-minute deadline, acknowledged after 1…9 and 30 minutes; the last one escalated. */
const tenCrisis: AlertHistory[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30].map((minutes, index) => ({
  severity: 'CRISIS',
  caseworkerId: index < 5 ? 'mette' : 'jonas',
  createdAt: t0,
  acknowledgedAt: at(minutes),
  resolvedAt: null,
  dueAt: at(15),
  escalations: minutes > 15 ? 1 : 0,
}));

describe('how we answer: figures from a known history', () => {
  it('when ten alerts were acknowledged after 1–9 and 30 minutes, then the median is 5.5, the 90th percentile 9 and 90 % were within the response time', () => {
    expect(answerFigures(tenCrisis, now)).toEqual({
      raised: 10,
      acknowledged: 10,
      medianMinutesToAcknowledge: 5.5,
      p90MinutesToAcknowledge: 9,
      withinResponseTimeShare: 0.9,
      escalations: 1,
      open: 0,
      oldestOpenMinutes: null,
    });
  });

  it('when split per caseworker and severity, then each group has its own figures', () => {
    const open: AlertHistory = { severity: 'NORMAL', caseworkerId: 'mette', createdAt: at(60), acknowledgedAt: null, resolvedAt: null, dueAt: at(2 * 24 * 60), escalations: 0 };
    const result = howWeAnswer([...tenCrisis, open], now);
    expect(result.byCaseworker.get('mette')).toMatchObject({ raised: 6, medianMinutesToAcknowledge: 3, p90MinutesToAcknowledge: 5, open: 1, oldestOpenMinutes: 23 * 60 });
    expect(result.byCaseworker.get('jonas')).toMatchObject({ raised: 5, medianMinutesToAcknowledge: 8, p90MinutesToAcknowledge: 30, withinResponseTimeShare: 0.8, escalations: 1 });
    // An open alert still within its time is not counted as late.
    expect(result.bySeverity.NORMAL).toMatchObject({ raised: 1, open: 1, withinResponseTimeShare: null });
    expect(result.bySeverity.URGENT.raised).toBe(0);
  });

  it('when an open alert has passed its deadline, then it counts against the share', () => {
    const late: AlertHistory = { severity: 'URGENT', caseworkerId: 'mette', createdAt: t0, acknowledgedAt: null, resolvedAt: null, dueAt: at(240), escalations: 1 };
    expect(answerFigures([late], now)).toMatchObject({ withinResponseTimeShare: 0, open: 1, oldestOpenMinutes: 1440 });
  });

  it.each([
    [[], 90, null],
    [[7], 90, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[3, 1, 2], 50, 2],
  ])('when the values are %j, then the %ith percentile is %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('check-in completion per cadence period', () => {
  const week = 7 * 24 * 3_600_000;
  it('when three of four invitations were followed by a completed check-in within the period, then the rate is 75 %', () => {
    const invitations = [
      { citizenId: 'anna', sentAt: at(0) },
      { citizenId: 'bo', sentAt: at(0) },
      { citizenId: 'cai', sentAt: at(0) },
      { citizenId: 'dina', sentAt: at(0) },
    ];
    const completions = [
      { citizenId: 'anna', completedAt: at(30) },
      { citizenId: 'bo', completedAt: at(6 * 24 * 60) },
      { citizenId: 'cai', completedAt: at(60) },
      // Dina completed one only after the next invitation was due: that belongs to the next period.
      { citizenId: 'dina', completedAt: at(8 * 24 * 60) },
    ];
    expect(checkInCompletion(invitations, completions, week)).toEqual({ invited: 4, completed: 3, rate: 0.75 });
  });
});
