// Reads the service's own /metrics, so that the figures the benchmark prints are the ones operations see.

/** The sum of a metric's samples (all label sets) in Prometheus text, or undefined when it is absent. */
export function sumOfMetric(text: string, name: string): number | undefined {
  const samples = text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  return samples.length === 0 ? undefined : samples.reduce((a, b) => a + b, 0);
}

/** Database statements the service has run so far, or undefined when it does not expose them. */
export async function queriesSoFar(serviceUrl: string): Promise<number | undefined> {
  const response = await fetch(`${serviceUrl}/metrics`).catch(() => undefined);
  if (!response?.ok) return undefined;
  return sumOfMetric(await response.text(), 'ledsager_db_queries_total');
}
