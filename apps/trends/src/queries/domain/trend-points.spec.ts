import { describe, expect, it } from '@jest/globals';
import type { BucketRow } from '../../aggregation/application/bucket.repository.js';
import { articlesUrl, mergeRows, normalisedVolume, toTrendPoint, topCounts } from './trend-points.js';

const row = (over: Partial<BucketRow>): BucketRow => ({
  seriesKey: 'topic:t',
  bucketStart: new Date('2026-11-25T00:00:00Z'),
  articles: 0,
  toneSum: 0,
  toneCount: 0,
  positive: 0,
  negative: 0,
  neutral: 0,
  stories: 0,
  publishers: 0,
  sources: new Map(),
  entities: new Map(),
  ...over,
});

describe('mergeRows', () => {
  it('sums counts and source maps, and says how many rows it merged', () => {
    const merged = mergeRows([
      row({ articles: 2, toneSum: 0.5, toneCount: 2, stories: 2, publishers: 1, sources: new Map([['a', 2]]) }),
      row({ articles: 1, toneSum: -1, toneCount: 1, stories: 1, publishers: 2, sources: new Map([['b', 1]]) }),
    ]);
    expect(merged).toMatchObject({ articles: 3, toneSum: -0.5, toneCount: 3, rows: 2 });
    expect(Object.fromEntries(merged.sources)).toEqual({ a: 2, b: 1 });
  });

  it('keeps the distinct counts of a single row', () => {
    expect(mergeRows([row({ articles: 3, stories: 2, publishers: 1 })])).toMatchObject({ stories: 2, publishers: 1 });
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

describe('articlesUrl', () => {
  it('links a point to the articles read model with the topic version and the bucket range', () => {
    const start = new Date('2026-11-25T10:00:00Z');
    const end = new Date('2026-11-25T11:00:00Z');
    expect(articlesUrl({ kind: 'topic', id: 'bars' }, 2, start, end)).toBe(
      '/v1/articles?topic=bars&topicVersion=2&from=2026-11-25T10%3A00%3A00.000Z&to=2026-11-25T11%3A00%3A00.000Z',
    );
    expect(articlesUrl({ kind: 'entity', id: 'unit:bars' }, null, start, end)).toMatch(
      /^\/v1\/articles\?entity=unit%3Abars&from=/,
    );
    expect(articlesUrl({ kind: 'all', id: '*' }, null, start, end)).toMatch(/^\/v1\/articles\?from=/);
  });
});

describe('toTrendPoint', () => {
  it('gives tone sums, averages and normalised volume to 6 decimal places, not float noise', () => {
    const start = new Date('2026-11-25T00:00:00Z');
    const merged = mergeRows([
      row({ articles: 2, toneSum: 0.1, toneCount: 2 }),
      row({ articles: 1, toneSum: 0.2, toneCount: 1 }),
    ]);
    expect(merged.toneSum).not.toBe(0.3); // 0.30000000000000004
    const point = toTrendPoint({ start, end: new Date(start.getTime() + 3_600_000) }, merged, 'UTC', {
      normalised: 1 / 3,
      articlesUrl: '/v1/articles',
      incomplete: [],
    });
    expect(point).toMatchObject({ toneSum: 0.3, toneAvg: 0.1, normalisedVolume: 0.333333 });
  });
});
