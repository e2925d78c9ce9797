import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from '../../domain/retry.js';
import type { PrismaClient } from '../data/generated/client.js';
import { type Logger, safeError } from '../logger.js';
import { DeliveryError } from '../messaging/proactiveMessenger.js';

/** Where an outbox message goes. */
export type OutboxChannel = 'staff-chat' | 'citizen-chat' | 'email' | 'webhook';

export interface OutboxItem {
  channel: OutboxChannel;
  /** Staff id, citizen id, e-mail address or URL, by channel. */
  target: string;
  payload: { alertId?: string } & Record<string, unknown>;
}

export interface ClaimedMessage extends OutboxItem {
  id: string;
  attempts: number;
}

/** Delivers one message; throws DeliveryError (or anything, treated as retryable) when it did not. */
export type OutboxHandler = (message: ClaimedMessage) => Promise<void>;

/** What happens when a message finally fails: e.g. fall back from chat to e-mail. */
export type FailureHook = (message: ClaimedMessage, error: DeliveryError) => Promise<void>;

const LEASE_MS = 60_000;
/** Claimed at a time and all sent at once: a crash re-sends at most this many (at-least-once, see README "Reliability"). */
const BATCH = 8;

/**
 * Durable delivery: messages are rows, claimed with a lease (FOR UPDATE SKIP
 * LOCKED, so several instances never take the same row), retried with backoff,
 * and every attempt is recorded on the alert. A crash mid-send leaves the row
 * claimed; it is retried once its lease expires.
 */
export class Outbox {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly handlers: Record<OutboxChannel, OutboxHandler>,
    private readonly onFinalFailure: FailureHook,
    private readonly logger: Logger,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly random: () => number = Math.random,
  ) {}

  /** Adds messages; call `kick()` after the surrounding transaction commits. */
  async enqueue(items: OutboxItem[], db: Pick<PrismaClient, 'outboxMessage'> = this.prisma): Promise<void> {
    if (items.length === 0) return;
    await db.outboxMessage.createMany({
      data: items.map((item) => ({ channel: item.channel, target: item.target, payload: item.payload as object })),
    });
  }

  /** Dispatch soon, without waiting for the next tick; concurrent kicks coalesce. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.dispatchBatch()) === BATCH);
        } while (this.again);
      } catch (error) {
        this.logger.error({ err: safeError(error) }, 'outbox dispatch failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Waits for a dispatch in progress (shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async dispatchBatch(): Promise<number> {
    const now = new Date();
    const claimed = await this.prisma.$queryRaw<Array<{ id: string; channel: OutboxChannel; target: string; payload: OutboxItem['payload']; attempts: number }>>`
      UPDATE "OutboxMessage" SET status = 'CLAIMED', "leaseUntil" = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "OutboxMessage"
        WHERE (status = 'PENDING' AND "nextAttemptAt" <= ${now}) OR (status = 'CLAIMED' AND "leaseUntil" < ${now})
        ORDER BY "nextAttemptAt" LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, channel, target, payload, attempts`;
    await Promise.all(claimed.map((message) => this.deliver(message)));
    return claimed.length;
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    try {
      await this.handlers[message.channel](message);
      // The outcome and its event are written together, so a crash cannot leave a delivery without its record.
      await this.prisma.$transaction([
        this.prisma.outboxMessage.update({ where: { id: message.id }, data: { status: 'DONE', doneAt: new Date(), leaseUntil: null } }),
        ...this.record(message, 'delivered'),
      ]);
    } catch (caught) {
      const error = caught instanceof DeliveryError ? caught : new DeliveryError('retryable');
      const delay = error.kind === 'retryable' ? retryDelayMs(message.attempts, this.policy, this.random, error.retryAfterMs) : undefined;
      if (delay !== undefined) {
        await this.prisma.$transaction([
          this.prisma.outboxMessage.update({
            where: { id: message.id },
            data: { status: 'PENDING', nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null, lastError: error.message },
          }),
          ...this.record(message, 'retrying', error),
        ]);
        return;
      }
      await this.prisma.$transaction([
        this.prisma.outboxMessage.update({ where: { id: message.id }, data: { status: 'FAILED', leaseUntil: null, lastError: error.message } }),
        ...this.record(message, 'failed', error),
      ]);
      this.logger.warn({ channel: message.channel, kind: error.kind, status: error.statusCode }, 'delivery failed for good');
      await this.onFinalFailure(message, error);
    }
  }

  /** The alert event for an outcome, to write in the same transaction as the outcome (none for messages without an alert). */
  private record(message: ClaimedMessage, outcome: string, error?: DeliveryError) {
    if (!message.payload.alertId) return [];
    return [this.prisma.alertEvent.create({
      data: {
        alertId: message.payload.alertId,
        type: `delivery.${outcome}`,
        detail: { channel: message.channel, attempt: message.attempts, ...(error ? { error: error.kind, status: error.statusCode ?? null } : {}) },
      },
    })];
  }
}
