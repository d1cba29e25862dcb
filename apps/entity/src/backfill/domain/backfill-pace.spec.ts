import { describe, expect, it } from '@jest/globals';
import { LiveTraffic } from '../../analysis/application/live-traffic.js';
import { MAX_REST_MS, restAfterPage } from './backfill-pace.js';

describe('backfill pace', () => {
  it('keeps the backfill to its share of the time while live articles arrive', () => {
    // 200 ms of work at a 20 % share: 800 ms of rest, so work is 200 of every 1000 ms.
    expect(restAfterPage(200, true, 100, 0.2)).toBe(800);
    expect(restAfterPage(10, true, 100, 0.2)).toBe(100);
    expect(restAfterPage(60_000, true, 100, 0.2)).toBe(MAX_REST_MS);
    expect(restAfterPage(200, true, 100, 1)).toBe(100);
  });

  it('only pauses between pages without live traffic', () => {
    expect(restAfterPage(5_000, false, 100, 0.2)).toBe(100);
  });
});

describe('LiveTraffic', () => {
  it('lets background work wait for the live articles in progress, and no longer than it allows', async () => {
    const traffic = new LiveTraffic();
    expect(traffic.seenWithin(1_000)).toBe(false);
    let release = () => undefined as void;
    const live = traffic.track(() => new Promise<void>((resolve) => (release = resolve)));
    expect([traffic.active, traffic.seenWithin(0)]).toEqual([1, true]);

    let waited = false;
    const quiet = traffic.quiet(60_000).then(() => (waited = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(false);
    release();
    await live;
    await quiet;
    expect([waited, traffic.active, traffic.seenWithin(1_000)]).toEqual([true, 0, true]);

    const stuck = traffic.track(() => new Promise<void>(() => undefined));
    const started = Date.now();
    await traffic.quiet(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    void stuck;
  });
});
