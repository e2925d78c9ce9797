import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryError } from '../messaging/proactiveMessenger.js';

/** What the service reads from the database when it is scraped: backlogs and clocks, not per-event counts. */
export interface OperationalFigures {
  outboxDepth: number;
  oldestUndeliveredSeconds: number;
  reminderLagSeconds: number;
  alertsPastResponseTime: Array<{ severity: string; count: number }>;
}

/** Turn timing handed to the HTTP edge: queued → running (the conversation lock is held) → done. */
export interface TurnTiming {
  running(): void;
  done(outcome: 'ok' | 'failed'): void;
}

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

/**
 * The service's Prometheus metrics (prom-client): counters and histograms updated as things
 * happen, backlog gauges read from the database at scrape time, and Node's own process metrics
 * (event-loop lag, heap, RSS, GC). Exposed by the /metrics route; the benchmark reads it too.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'outcome'>;
  private readonly turnSeconds: Histogram<'outcome'>;
  private readonly lockWaitSeconds: Histogram;
  private readonly queries: Counter;
  private readonly remindersSent: Counter;
  private readonly proactiveSends: Counter<'outcome' | 'status'>;
  private readFigures: () => Promise<OperationalFigures> = () => Promise.reject(new Error('no database yet'));

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.turns = new Counter({ name: 'ledsager_turns_total', help: 'Turns handled, by outcome', labelNames: ['outcome'], registers });
    this.turnSeconds = new Histogram({
      name: 'ledsager_turn_duration_seconds',
      help: 'Time from receiving an activity to answering it, conversation-lock wait included, by outcome',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.lockWaitSeconds = new Histogram({
      name: 'ledsager_conversation_lock_wait_seconds',
      help: "Time a turn waited for its conversation's earlier turns (and, on PostgreSQL, the advisory lock)",
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.queries = new Counter({
      name: 'ledsager_db_queries_total',
      help: 'Database round trips (queries sent, a batch of several statements counting once; all pools); divide its rate by the turn rate for round trips per turn',
      registers,
    });
    this.remindersSent = new Counter({ name: 'ledsager_reminders_sent_total', help: 'Reminders delivered to a chat', registers });
    this.proactiveSends = new Counter({
      name: 'ledsager_proactive_sends_total',
      help: 'Proactive messages (reminders, alerts, receipts) by outcome (delivered, retryable, unreachable, refused) and HTTP status',
      labelNames: ['outcome', 'status'],
      registers,
    });

    // One database read per scrape serves every backlog gauge; when it fails (the database restarting,
    // shutdown) the last figures are shown rather than failing the whole scrape.
    let pending: Promise<OperationalFigures> | undefined;
    let last: OperationalFigures = { outboxDepth: 0, oldestUndeliveredSeconds: 0, reminderLagSeconds: 0, alertsPastResponseTime: [] };
    const figures = () =>
      (pending ??= this.readFigures()
        .then((read) => (last = read), () => last)
        .finally(() => setTimeout(() => (pending = undefined), 1000).unref()));
    const gauge = (name: string, help: string, read: (f: OperationalFigures) => number) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(read(await figures()));
        },
      });
    gauge('ledsager_outbox_depth', 'Alert deliveries waiting in the outbox (pending or claimed)', (f) => f.outboxDepth);
    gauge('ledsager_outbox_oldest_undelivered_seconds', 'Age of the oldest alert delivery not yet done', (f) => f.oldestUndeliveredSeconds);
    gauge('ledsager_reminder_lag_seconds', 'Now minus the due time of the oldest reminder due and not yet sent', (f) => f.reminderLagSeconds);
    new Gauge({
      name: 'ledsager_alerts_past_response_time',
      help: 'Open alerts (not yet acknowledged) whose response time has passed, by severity',
      labelNames: ['severity'],
      registers,
      async collect() {
        this.reset();
        for (const { severity, count } of (await figures()).alertsPastResponseTime) this.set({ severity }, count);
      },
    });
  }

  /** Where the backlog gauges come from once the database is open. */
  readBacklogsWith(read: () => Promise<OperationalFigures>): void {
    this.readFigures = read;
  }

  /** Call when a turn is queued behind its conversation. */
  turnQueued(): TurnTiming {
    const queuedAt = performance.now();
    return {
      running: () => this.lockWaitSeconds.observe(seconds(queuedAt)),
      done: (outcome) => {
        this.turns.inc({ outcome });
        this.turnSeconds.observe({ outcome }, seconds(queuedAt));
      },
    };
  }

  queryCounted(): void {
    this.queries.inc();
  }

  remindersDelivered(count: number): void {
    this.remindersSent.inc(count);
  }

  proactiveSend(outcome: DeliveryError | 'delivered'): void {
    if (outcome === 'delivered') this.proactiveSends.inc({ outcome, status: '' });
    else this.proactiveSends.inc({ outcome: outcome.kind, status: outcome.statusCode === undefined ? '' : String(outcome.statusCode) });
  }
}
