import type pg from 'pg';
import type { OperationalFigures } from './serviceMetrics.js';

/**
 * Backlogs and clocks for /metrics, in one statement on the database's clock (timestamps are stored
 * as UTC without a zone). Each part reads an index: (status, nextAttemptAt), (status, dueAt).
 */
export async function readOperationalFigures(pool: pg.Pool): Promise<OperationalFigures> {
  const { rows } = await pool.query<{
    outboxDepth: number;
    oldestUndeliveredSeconds: number | null;
    reminderLagSeconds: number | null;
    pastDue: Array<{ severity: string; count: number }>;
  }>(`
    WITH clock AS (SELECT now() AT TIME ZONE 'UTC' AS now)
    SELECT
      (SELECT count(*) FROM "OutboxMessage" WHERE status IN ('PENDING', 'CLAIMED'))::int AS "outboxDepth",
      (SELECT extract(epoch FROM clock.now - min("createdAt")) FROM "OutboxMessage" WHERE status IN ('PENDING', 'CLAIMED'))::float8 AS "oldestUndeliveredSeconds",
      extract(epoch FROM clock.now - LEAST(
        (SELECT min("dueAt") FROM "Reminder" WHERE status = 'PENDING' AND "dueAt" <= clock.now),
        (SELECT min("dueAt") FROM "Reminder" WHERE status = 'CLAIMED')
      ))::float8 AS "reminderLagSeconds",
      (SELECT coalesce(json_agg(json_build_object('severity', severity, 'count', n)), '[]'::json)
       FROM (SELECT severity::text, count(*)::int AS n FROM "Alert" WHERE status = 'OPEN' AND "dueAt" < clock.now GROUP BY severity) late) AS "pastDue"
    FROM clock`);
  const row = rows[0];
  return {
    outboxDepth: row?.outboxDepth ?? 0,
    oldestUndeliveredSeconds: Math.max(0, row?.oldestUndeliveredSeconds ?? 0),
    reminderLagSeconds: Math.max(0, row?.reminderLagSeconds ?? 0),
    alertsPastResponseTime: row?.pastDue ?? [],
  };
}
