import { describe, expect, it } from 'vitest';
import { metteAndAnna, useServiceWithChannel } from '../support/app.js';
import { sumOfMetric } from '../../bench/metricsScrape.js';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('/metrics in local mode without a token', () => {
  const service = useServiceWithChannel();

  it('when a citizen has chatted, then this machine reads turns, latency, statements, lock wait, backlogs and process figures', async () => {
    const { app, channel } = service;
    const { citizen } = await metteAndAnna(app, channel);
    await citizen.say('hvordan går det?');
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(sumOfMetric(text, 'ledsager_turns_total')).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(/ledsager_turns_total\{outcome="ok"\} \d+/);
    expect(sumOfMetric(text, 'ledsager_turn_duration_seconds_count')).toBe(sumOfMetric(text, 'ledsager_turns_total'));
    expect(sumOfMetric(text, 'ledsager_conversation_lock_wait_seconds_count')).toBe(sumOfMetric(text, 'ledsager_turns_total'));
    expect(sumOfMetric(text, 'ledsager_db_queries_total')).toBeGreaterThan(10);
    expect(text).toMatch(/^# TYPE ledsager_proactive_sends_total counter$/m);
    expect(text).toMatch(/^# TYPE ledsager_alerts_past_response_time gauge$/m);
    for (const gauge of ['ledsager_outbox_depth', 'ledsager_outbox_oldest_undelivered_seconds', 'ledsager_reminder_lag_seconds']) {
      expect(sumOfMetric(text, gauge)).toBeGreaterThanOrEqual(0);
    }
    for (const processMetric of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect(sumOfMetric(text, processMetric)).toBeGreaterThan(0);
    }
    expect(sumOfMetric(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const service = useServiceWithChannel({ METRICS_TOKEN: TOKEN });

  it('when the scraper presents the token, then 200; without it or with another, then 401', async () => {
    const { app } = service;
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-0123456789' } })).status).toBe(401);
    const allowed = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^# HELP /m);
  });
});
