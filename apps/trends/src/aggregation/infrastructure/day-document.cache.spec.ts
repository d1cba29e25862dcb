import { describe, expect, it } from '@jest/globals';
import { DayDocumentCache } from './day-document.cache.js';

describe('DayDocumentCache', () => {
  it('keeps documents and known absences until they expire', () => {
    let now = 0;
    const cache = new DayDocumentCache<string>(10, 1_000, () => now);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'doc a', cache.mark());
    cache.set('b', null, cache.mark());
    expect(cache.get('a')).toBe('doc a');
    expect(cache.get('b')).toBeNull();
    now = 1_001;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops an invalidated key, and a read that overlapped the invalidation does not store it', () => {
    const cache = new DayDocumentCache<string>(10, 60_000);
    cache.set('a', 'old', cache.mark());
    const mark = cache.mark(); // a read starts
    cache.invalidate('a'); // a write lands meanwhile
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'read before the write', mark);
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 'other key', mark);
    expect(cache.get('b')).toBe('other key');
    cache.set('a', 'read after the write', cache.mark());
    expect(cache.get('a')).toBe('read after the write');
  });

  it('evicts the least recently used beyond its size, and clear() refuses reads in flight', () => {
    const cache = new DayDocumentCache<number>(2, 60_000);
    cache.set('a', 1, cache.mark());
    cache.set('b', 2, cache.mark());
    cache.get('a');
    cache.set('c', 3, cache.mark());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    const mark = cache.mark();
    cache.clear();
    cache.set('d', 4, mark);
    expect(cache.get('d')).toBeUndefined();
  });
});
