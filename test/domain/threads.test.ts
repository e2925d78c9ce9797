import { describe, expect, it } from 'vitest';
import { isThreadOpen } from '../../domain/threads.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 10, 23, 10) + hours * HOUR);
const QUIET = 48 * HOUR;

describe('is a thread with the caseworker open', () => {
  it.each([
    ['nothing has happened', [], 1, false],
    ['only the citizen has written', [['citizenMessage', 0]], 1, false],
    ['the caseworker replied an hour ago', [['replied', 0]], 1, true],
    ['the caseworker replied and the citizen answered', [['replied', 0], ['citizenMessage', 1]], 2, true],
    ['it has been quiet longer than the quiet time', [['replied', 0]], 49, false],
    ['the citizen answered late, which keeps it open', [['replied', 0], ['citizenMessage', 40]], 80, true],
    ['the caseworker closed the alert', [['replied', 0], ['resolved', 1]], 2, false],
    ['the citizen left with "menu"', [['replied', 0], ['thread.left', 1]], 2, false],
    ['the caseworker wrote again after the citizen left', [['replied', 0], ['thread.left', 1], ['replied', 2]], 3, true],
    ['other events (delivery) happened later', [['replied', 0], ['delivery.delivered', 100]], 1, true],
  ] as Array<[string, Array<[string, number]>, number, boolean]>)('when %s, then it is open: %s', (_label, events, nowHours, open) => {
    expect(isThreadOpen(events.map(([type, hours]) => ({ type, at: at(hours) })), at(nowHours), QUIET)).toBe(open);
  });
});
