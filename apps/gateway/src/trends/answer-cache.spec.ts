import { describe, expect, it } from '@jest/globals';
import { AnswerCache } from './answer-cache.js';

function counter() {
  let calls = 0;
  let release: () => void = () => undefined;
  return {
    get calls() {
      return calls;
    },
    load: () => {
      calls += 1;
      const n = calls;
      return new Promise<number>((resolve) => {
        release = () => resolve(n);
      });
    },
    release: () => release(),
  };
}

describe('AnswerCache', () => {
  it('shares one upstream request among identical requests in flight', async () => {
    const cache = new AnswerCache<number>(1000, 1000);
    const upstream = counter();
    const answers = [cache.get('k', upstream.load), cache.get('k', upstream.load), cache.get('k', upstream.load)];
    upstream.release();
    expect(await Promise.all(answers)).toEqual([1, 1, 1]);
    expect(upstream.calls).toBe(1);
  });

  it('answers from the cache within the ttl, serves stale while refreshing, and reloads after staleness', async () => {
    let now = 0;
    const cache = new AnswerCache<number>(1000, 2000, 10, () => now);
    let n = 0;
    const load = async () => ++n;
    expect(await cache.get('k', load)).toBe(1);
    now = 999;
    expect(await cache.get('k', load)).toBe(1);
    expect(n).toBe(1);
    now = 1500; // stale: the kept answer now, a refresh behind it
    expect(await cache.get('k', load)).toBe(1);
    await Promise.resolve();
    expect(n).toBe(2);
    expect(await cache.get('k', load)).toBe(2);
    now = 1500 + 3001; // beyond ttl + stale: waits for a fresh answer
    expect(await cache.get('k', load)).toBe(3);
  });

  it('does not keep failures and keeps separate keys apart', async () => {
    const cache = new AnswerCache<string>(1000, 1000);
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', async () => 'up')).toBe('up');
    expect(await cache.get('b', async () => 'other')).toBe('other');
  });

  it('is bounded, and off with a ttl of 0', async () => {
    const bounded = new AnswerCache<number>(1000, 0, 2);
    for (const key of ['a', 'b', 'c']) await bounded.get(key, async () => 1);
    expect(bounded.size).toBe(2);
    const off = new AnswerCache<number>(0, 0);
    let n = 0;
    await off.get('k', async () => ++n);
    await off.get('k', async () => ++n);
    expect(n).toBe(2);
  });

  it('evicts the answers a change touches, fresh and stale, and keeps the others', async () => {
    let now = 0;
    const cache = new AnswerCache<string>(1000, 5000, 10, () => now);
    let n = 0;
    const load = (key: string) => async () => `${key}${++n}`;
    expect(await cache.get('a', load('a'))).toBe('a1');
    expect(await cache.get('b', load('b'))).toBe('b2');
    now = 2000; // both stale
    expect(cache.evict((value) => value.startsWith('a'))).toBe(1);
    expect(await cache.get('a', load('a'))).toBe('a3'); // no stale answer served: waits for a fresh one
    expect(await cache.get('b', load('b'))).toBe('b2'); // untouched: the kept (stale) answer
  });

  it('does not share a request in flight during an eviction with later callers', async () => {
    const cache = new AnswerCache<number>(60_000, 0);
    const upstream = counter();
    void cache.get('k', upstream.load); // asked before the change; never answered here
    cache.evict(() => true);
    const after = cache.get('k', upstream.load);
    expect(upstream.calls).toBe(2);
    upstream.release(); // the second request's answer
    expect(await after).toBe(2);
    expect(await cache.get('k', upstream.load)).toBe(2);
    expect(upstream.calls).toBe(2);
  });

  it('does not keep an answer loaded before an eviction even when it arrives last', async () => {
    const cache = new AnswerCache<string>(60_000, 0);
    let releaseOld: (v: string) => void = () => undefined;
    const old = cache.get('k', () => new Promise<string>((resolve) => (releaseOld = resolve)));
    cache.evict(() => true);
    expect(await cache.get('k', async () => 'new')).toBe('new');
    releaseOld('old');
    expect(await old).toBe('old');
    expect(await cache.get('k', async () => 'reloaded')).toBe('new');
  });

  it('keeps an answer as long as ttlOf says (never shorter than the ttl), then serves it stale while refreshing', async () => {
    let now = 0;
    const cache = new AnswerCache<string>(
      1000,
      2000,
      10,
      () => now,
      (value) => (value.startsWith('long') ? 30_000 : 0),
    );
    let n = 0;
    const load = (kind: string) => async () => `${kind}${++n}`;
    expect(await cache.get('l', load('long'))).toBe('long1');
    expect(await cache.get('s', load('short'))).toBe('short2');
    now = 29_999;
    expect(cache.peek('l')).toBe('long1');
    expect(cache.peek('s')).toBeUndefined(); // past its 1 s life: peek loads nothing
    expect(await cache.get('l', load('long'))).toBe('long1');
    expect(n).toBe(2);
    now = 30_500; // past the long life, within the stale window
    expect(cache.peek('l')).toBeUndefined();
    expect(await cache.get('l', load('long'))).toBe('long1');
    await Promise.resolve();
    expect(n).toBe(3);
    expect(await cache.get('l', load('long'))).toBe('long3');
  });

  it('peeks at nothing when off', async () => {
    const off = new AnswerCache<number>(0, 0);
    await off.get('k', async () => 1);
    expect(off.peek('k')).toBeUndefined();
  });
});
