// Container health check: exits 0 when the service answers /health/ready, 1 otherwise.
// Used by the image's HEALTHCHECK (the slim runtime has neither curl nor wget).
const DEFAULT_PORTS = { gateway: 3000, ingest: 3001, entity: 3002, sentiment: 3003, trends: 3004, alert: 3005 };
const port = process.env.HTTP_PORT || DEFAULT_PORTS[process.env.SERVICE ?? ''];
const path = process.argv[2] ?? '/health/ready';

try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
