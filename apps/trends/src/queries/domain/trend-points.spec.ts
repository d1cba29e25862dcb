import { describe, expect, it } from '@jest/globals';
import type { BucketRow } from '../../aggregation/application/bucket.repository.js';
import { mergeRows, normalisedVolume, topCounts } from './trend-points.js';

const row = (over: Partial<BucketRow>): BucketRow => ({
  seriesKey: 'topic:t',
  bucketStart: new Date('2026-11-25T00:00:00Z'),
  articles: 0,
  toneSum: 0,
  toneCount: 0,
  positive: 0,
  negative: 0,
  neutral: 0,
  articleIds: [],
  storyIds: [],
  sourceIds: [],
  sources: new Map(),
  entities: new Map(),
  ...over,
});

describe('mergeRows', () => {
  it('sums counts but unites stories and publishers', () => {
    const merged = mergeRows([
      row({
        articles: 2,
        toneSum: 0.5,
        toneCount: 2,
        storyIds: ['s1', 's2'],
        sourceIds: ['a'],
        sources: new Map([['a', 2]]),
      }),
      row({
        articles: 1,
        toneSum: -1,
        toneCount: 1,
        storyIds: ['s2'],
        sourceIds: ['a', 'b'],
        sources: new Map([['b', 1]]),
      }),
    ]);
    expect(merged).toMatchObject({ articles: 3, toneSum: -0.5, toneCount: 3 });
    expect(merged.storyIds.size).toBe(2);
    expect(merged.sourceIds.size).toBe(2);
    expect(Object.fromEntries(merged.sources)).toEqual({ a: 2, b: 1 });
  });
});

describe('normalisedVolume', () => {
  const merged = mergeRows([
    row({
      articles: 3,
      sources: new Map([
        ['a', 2],
        ['b', 1],
      ]),
    }),
  ]);

  it('divides by every article of the same sources', () => {
    expect(normalisedVolume(merged, (s) => ({ a: 10, b: 2 })[s])).toBeCloseTo(0.25);
  });

  it('is null for an empty bucket or an unknown source total', () => {
    expect(normalisedVolume(mergeRows([]), () => 1)).toBeNull();
    expect(normalisedVolume(merged, (s) => (s === 'a' ? 10 : undefined))).toBeNull();
  });
});

describe('topCounts', () => {
  it('ranks by count, then id, and cuts at the limit', () => {
    const counts = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
    ]);
    expect(topCounts(counts, 3)).toEqual([
      { id: 'c', articles: 5 },
      { id: 'a', articles: 2 },
      { id: 'b', articles: 2 },
    ]);
  });
});
