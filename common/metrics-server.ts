// Serves a prom-client registry as Prometheus text on GET /metrics (DESIGN.md: every
// long-running process has one). Nothing else is exposed on this port. Loopback by default:
// set METRICS_HOST to let a Prometheus on another machine scrape it.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export async function serveMetrics(registry: Registry, port: number, host = '127.0.0.1'): Promise<Server | null> {
  if (port === 0) return null;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500).end((err as Error).message),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
