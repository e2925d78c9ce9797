// Reads the service's own /metrics, so that the figures the benchmark prints are the ones operations see.

/** The sum of a metric's samples (all label sets) in Prometheus text, or undefined when it is absent. */
export function sumOfMetric(text: string, name: string): number | undefined {
  const samples = text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  return samples.length === 0 ? undefined : samples.reduce((a, b) => a + b, 0);
}

async function metricsText(serviceUrl: string): Promise<string | undefined> {
  const response = await fetch(`${serviceUrl}/metrics`).catch(() => undefined);
  return response?.ok ? response.text() : undefined;
}

/** Database statements the service has run so far, or undefined when it does not expose them. */
export async function queriesSoFar(serviceUrl: string): Promise<number | undefined> {
  const text = await metricsText(serviceUrl);
  return text === undefined ? undefined : sumOfMetric(text, 'ledsager_db_queries_total');
}

/** Where the service's memory is (MiB): V8's heap, and what lives outside it (WebAssembly memories, buffers). */
export async function memorySplit(serviceUrl: string): Promise<{ heapMiB: number; externalMiB: number } | undefined> {
  const text = await metricsText(serviceUrl);
  const heap = text === undefined ? undefined : sumOfMetric(text, 'nodejs_heap_size_used_bytes');
  const external = text === undefined ? undefined : sumOfMetric(text, 'nodejs_external_memory_bytes');
  return heap === undefined || external === undefined ? undefined : { heapMiB: heap / 1048576, externalMiB: external / 1048576 };
}
