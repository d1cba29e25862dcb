import { Pool, type Dispatcher } from 'undici';

export interface ClosedLoopLoadOptions {
  /** Scheme, host and port, e.g. http://127.0.0.1:3000. */
  origin: string;
  /** Clients, each with its own connection, each sending its next request when its last answer has arrived. */
  connections: number;
  seconds: number;
  /** The path of the n-th request sent (0, 1, 2, ...). */
  path: (n: number) => string;
  headers?: Record<string, string>;
  /** A request that waits this long for its answer's headers, or between two parts of its body, counts as a timeout. */
  timeoutMs?: number;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ClosedLoopLoadResult {
  /** Answers received in full, whatever their status. */
  requests: number;
  requestsPerSecond: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  non2xx: number;
  /** Requests that got no answer (connection errors), timeouts not included. */
  errors: number;
  timeouts: number;
  /** Bytes of the answers' bodies as sent (encoded). */
  bodyBytes: number;
  /** From sending a request to its answer's last byte, in milliseconds, of the answers received. */
  latencyMs: LatencySummary;
  /** The first errors' messages (at most 5), so a failed run says why. */
  errorSamples: string[];
}

/** The nearest-rank percentile of ascending values (0 for none). */
export function percentileOf(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** p50, p90, p99, max and mean of latencies, rounded to 0.1 ms. */
export function summarizeLatencies(values: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const round = (n: number) => Math.round(n * 10) / 10;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    p50: round(percentileOf(sorted, 50)),
    p90: round(percentileOf(sorted, 90)),
    p99: round(percentileOf(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.length ? total / sorted.length : 0),
  };
}

/**
 * One GET through undici's dispatcher: resolves with the status and the body's byte count. Uses the
 * callback handler that undici's Client runs natively; the newer controller handler, and
 * `request()` with its body stream, cost the client 55 and 86 µs of CPU per answer against 36 µs
 * (a 7 kB answer with 20 headers on this machine), which on two cores is taken from the server.
 */
function get(
  pool: Pool,
  path: string,
  headers: Record<string, string> | undefined,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let bytes = 0;
    const handler: Dispatcher.DispatchHandler = {
      onConnect: () => undefined,
      onHeaders: (statusCode) => {
        status = statusCode;
        return true;
      },
      onData: (chunk) => {
        bytes += chunk.length;
        return true;
      },
      onComplete: () => resolve({ status, bytes }),
      onError: reject,
    };
    pool.dispatch({ method: 'GET', path, ...(headers ? { headers } : {}) }, handler);
  });
}

/**
 * A closed-loop HTTP load, as autocannon's default mode: `connections` clients send GET requests
 * for `seconds`, each waiting for its whole answer before its next request. autocannon 9 appends
 * every body chunk to a string, which cost the client 0.32 ms of CPU per 17 kB brotli answer,
 * more than the gateway's own cost of serving it; here an answer costs the client about 0.04 ms
 * (docs/performance.md). On a machine shared by client and server, that CPU is the server's.
 */
export async function closedLoopLoad(options: ClosedLoopLoadOptions): Promise<ClosedLoopLoadResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new Pool(options.origin, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  let timeouts = 0;
  let bodyBytes = 0;
  let sent = 0;
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const path = options.path(sent++);
      const t = performance.now();
      try {
        const { status, bytes } = await get(pool, path, options.headers);
        latencies.push(performance.now() - t);
        bodyBytes += bytes;
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
        if (errorSamples.length < 5) errorSamples.push(`${path}: ${(error as Error).message}`);
        if (timedOut) timeouts += 1;
        else {
          errors += 1;
          // a refused or reset connection would otherwise spin
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, client));
  } finally {
    await pool.close();
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  const non2xx = Object.entries(statuses)
    .filter(([status]) => !status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round((latencies.length / elapsedSeconds) * 10) / 10,
    statuses,
    non2xx,
    errors,
    timeouts,
    bodyBytes,
    latencyMs: summarizeLatencies(latencies),
    errorSamples,
  };
}
