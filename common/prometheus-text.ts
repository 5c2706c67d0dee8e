// Reads values out of a Prometheus text page (what /metrics serves), for tests, benchmarks and
// the `npm start` summary line, which scrape our own processes.

/** Sum of the samples of `name` whose label set contains every given label. */
export function sumMetric(body: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of body.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}
