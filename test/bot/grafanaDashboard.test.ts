import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../bot/app.js';
import { ServiceMetrics } from '../../bot/metrics/serviceMetrics.js';

describe('the Grafana dashboard', () => {
  it('when its queries name a metric, then the service exposes that metric', async () => {
    const dashboard = JSON.parse(readFileSync(join(projectRoot(), 'ops', 'grafana-dashboard.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const named = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\b(ledsager|nodejs|process)_[a-z0-9_]+/g) ?? [])));
    const exposed = new Set((await new ServiceMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name));
    const missing = [...named].filter((name) => !exposed.has(name.replace(/_(bucket|sum|count)$/, '')));
    expect(named.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
