import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../bot/admin/staffAuth.js';
import { type ClaimedMessage, Outbox, type OutboxChannel, type OutboxHandler } from '../../bot/alerts/outbox.js';
import type { Database } from '../../bot/data/database.js';
import { createLogger } from '../../bot/logger.js';
import { DeliveryError } from '../../bot/messaging/proactiveMessenger.js';
import { openMigratedDatabase } from '../support/database.js';

describe('outbox', () => {
  let db: Database;
  let alertId: string;
  const policy = { baseMs: 1, maxMs: 1, maxAttempts: 3 };

  beforeAll(async () => {
    db = await openMigratedDatabase();
    const staff = await db.prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'M', email: 'm@x.dk', role: 'CASEWORKER' } });
    const citizen = await db.prisma.citizen.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, displayName: 'A', caseworkerId: staff.id } });
    alertId = (await db.prisma.alert.create({ data: { citizenId: citizen.id, kind: 'message', severity: 'NORMAL', assigneeId: staff.id, dueAt: new Date() } })).id;
  });
  afterAll(async () => {
    await db.close();
  });

  function outboxWith(handler: OutboxHandler, onFinal: (message: ClaimedMessage, error: DeliveryError) => Promise<void> = async () => {}) {
    const handlers = Object.fromEntries(['staff-chat', 'citizen-chat', 'email', 'webhook'].map((channel) => [channel, handler])) as Record<OutboxChannel, OutboxHandler>;
    return new Outbox(db.prisma, handlers, onFinal, createLogger('silent'), policy, () => 0);
  }

  /** Dispatches until nothing is due: retries are due at once with this policy, after their 1 ms backoff. */
  async function drain(outbox: Outbox, rounds = 10): Promise<void> {
    for (let i = 0; i < rounds; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await outbox.kick();
    }
  }

  it('when a delivery fails twice and then succeeds, then it is sent once and every attempt is recorded', async () => {
    let calls = 0;
    const outbox = outboxWith(async () => {
      calls += 1;
      if (calls < 3) throw new DeliveryError('retryable', 500);
    });
    await outbox.enqueue([{ channel: 'staff-chat', target: 'x', payload: { alertId } }]);
    await drain(outbox);
    expect(calls).toBe(3);
    const events = await db.prisma.alertEvent.findMany({ where: { alertId }, orderBy: { at: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['delivery.retrying', 'delivery.retrying', 'delivery.delivered']);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'DONE' } })).toBe(1);
    await db.prisma.alertEvent.deleteMany({});
  });

  it('when the person is unreachable, then there is no retry and the fallback is asked once', async () => {
    let calls = 0;
    const finals: string[] = [];
    const outbox = outboxWith(
      async () => {
        calls += 1;
        throw new DeliveryError('unreachable', 403);
      },
      async (message, error) => {
        finals.push(`${message.channel}:${error.kind}`);
      },
    );
    await outbox.enqueue([{ channel: 'staff-chat', target: 'y', payload: { alertId } }]);
    await drain(outbox);
    expect(calls).toBe(1);
    expect(finals).toEqual(['staff-chat:unreachable']);
    await db.prisma.alertEvent.deleteMany({});
  });

  it('when retries run out, then the message is failed, not retried forever', async () => {
    let calls = 0;
    const outbox = outboxWith(async () => {
      calls += 1;
      throw new Error('network down');
    });
    await outbox.enqueue([{ channel: 'webhook', target: 'z', payload: { alertId } }]);
    await drain(outbox);
    expect(calls).toBe(policy.maxAttempts);
    expect(await db.prisma.outboxMessage.count({ where: { target: 'z', status: 'FAILED' } })).toBe(1);
  });

  it('when an instance crashed mid-send, then the message is retried once its lease has expired', async () => {
    let calls = 0;
    const outbox = outboxWith(async () => {
      calls += 1;
    });
    await db.prisma.outboxMessage.create({
      data: { channel: 'staff-chat', target: 'crashed', payload: {}, status: 'CLAIMED', attempts: 1, leaseUntil: new Date(Date.now() - 1000) },
    });
    await db.prisma.outboxMessage.create({
      data: { channel: 'staff-chat', target: 'busy', payload: {}, status: 'CLAIMED', attempts: 1, leaseUntil: new Date(Date.now() + 60_000) },
    });
    await drain(outbox, 2);
    expect(calls).toBe(1);
    expect((await db.prisma.outboxMessage.findFirstOrThrow({ where: { target: 'crashed' } })).status).toBe('DONE');
    expect((await db.prisma.outboxMessage.findFirstOrThrow({ where: { target: 'busy' } })).status).toBe('CLAIMED');
  });
});
