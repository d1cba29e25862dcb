import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { closedLoopLoad, percentileOf, summarizeLatencies } from './http-load.js';

describe('percentileOf', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOf(sorted, 50)).toBe(50);
    expect(percentileOf(sorted, 99)).toBe(99);
    expect(percentileOf(sorted, 100)).toBe(100);
    expect(percentileOf([7], 99)).toBe(7);
    expect(percentileOf([], 99)).toBe(0);
  });
});

describe('summarizeLatencies', () => {
  it('sorts before it ranks and rounds to 0.1 ms', () => {
    expect(summarizeLatencies([30.04, 10, 20, 40.06])).toEqual({ p50: 20, p90: 40.1, p99: 40.1, max: 40.1, mean: 25 });
  });
});

/** A local server: 200 with a 5 000-byte body on /ok, 404 with 3 bytes elsewhere. */
describe('closedLoopLoad', () => {
  let server: Server;
  let origin: string;
  const seenKeys = new Set<string | undefined>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      seenKeys.add(req.headers['x-api-key'] as string | undefined);
      if (req.url?.startsWith('/ok')) res.writeHead(200).end(Buffer.alloc(5000, 1));
      else res.writeHead(404).end('no!');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts answers by status, their bytes and their latencies', async () => {
    const result = await closedLoopLoad({
      origin,
      connections: 4,
      seconds: 0.5,
      path: (n) => (n % 4 === 3 ? '/missing' : `/ok/${n}`),
      headers: { 'x-api-key': 'k1' },
    });
    const ok = result.statuses['200'] ?? 0;
    const missing = result.statuses['404'] ?? 0;
    expect(ok).toBeGreaterThan(10);
    expect(missing).toBeGreaterThan(0);
    expect(ok + missing).toBe(result.requests);
    expect(result.non2xx).toBe(missing);
    expect(result.bodyBytes).toBe(ok * 5000 + missing * 3);
    expect(result.errors + result.timeouts).toBe(0);
    expect(result.latencyMs.p99).toBeGreaterThan(0);
    expect(result.latencyMs.p99).toBeLessThanOrEqual(result.latencyMs.max);
    expect(seenKeys).toEqual(new Set(['k1']));
  });

  it('counts refused connections as errors and says why', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await closedLoopLoad({
      origin: `http://127.0.0.1:${port}`,
      connections: 2,
      seconds: 0.2,
      path: () => '/ok',
    });
    expect(result.requests).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.errorSamples[0]).toMatch(/ECONNREFUSED/);
  });
});
