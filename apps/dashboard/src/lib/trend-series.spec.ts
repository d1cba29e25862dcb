import { describe, expect, it } from '@jest/globals';
import type { SeriesTrendResponseV1, ShareOfVoiceResponseV1 } from '@media-monitor/contracts';
import { pointArticlesRoute, shareColumns, shareTotals, summariseTrend, trendColumns } from './trend-series.js';

type Point = SeriesTrendResponseV1['points'][number];

// Fixtures are asserted to the contract's types (not annotated) so they carry the fields the
// dashboard reads whichever revision of TrendPoint (article ids, or a link and completeness) is in force.
const point = (bucketStart: string, articles: number, extra: Record<string, unknown> = {}): Point =>
  ({
    bucketStart,
    localStart: bucketStart,
    articles,
    stories: articles,
    publishers: Math.min(articles, 2),
    toneSum: articles * -0.5,
    toneCount: articles,
    toneAvg: articles ? -0.5 : null,
    positive: 0,
    negative: articles,
    neutral: 0,
    normalisedVolume: articles ? articles / 10 : null,
    ...extra,
  }) as Point;

const trend = (points: Point[]): SeriesTrendResponseV1 =>
  ({
    series: { kind: 'topic', id: 'bars' },
    interval: 'hour',
    timeZone: 'UTC',
    from: '2026-11-20T08:00:00.000Z',
    to: '2026-11-20T11:00:00.000Z',
    points,
  }) as SeriesTrendResponseV1;

const points = [
  point('2026-11-20T08:00:00.000Z', 0),
  point('2026-11-20T09:00:00.000Z', 3),
  point('2026-11-20T10:00:00.000Z', 1),
];

describe('trend columns and summary', () => {
  it('turns points into chart columns in seconds, with gaps for empty buckets', () => {
    expect(trendColumns(points)).toEqual({
      x: [1795161600, 1795165200, 1795168800],
      articles: [0, 3, 1],
      stories: [0, 3, 1],
      publishers: [0, 2, 1],
      sharePercent: [null, 30, 10],
      tone: [null, -0.5, -0.5],
    });
  });

  it('sums articles and weighs tone by scored articles, naming the busiest bucket', () => {
    expect(summariseTrend(points)).toEqual({
      articles: 4,
      scored: 4,
      toneAvg: -0.5,
      busiest: { bucketStart: '2026-11-20T09:00:00.000Z', articles: 3 },
      incompleteBuckets: 0,
    });
    expect(summariseTrend([point('2026-11-20T08:00:00.000Z', 0)])).toMatchObject({ toneAvg: null, busiest: null });
  });

  it('counts buckets the service marks incomplete', () => {
    const gap = point('2026-11-20T08:00:00.000Z', 0, { complete: false });
    expect(summariseTrend([gap, ...points.slice(1)]).incompleteBuckets).toBe(1);
  });
});

describe('pointArticlesRoute', () => {
  it('lists the articles of a bucket by series and the bucket range', () => {
    expect(pointArticlesRoute(trend(points), 1)).toBe(
      '/articles?topic=bars&from=2026-11-20T09%3A00%3A00.000Z&to=2026-11-20T10%3A00%3A00.000Z',
    );
    // The last bucket ends with the range.
    expect(pointArticlesRoute(trend(points), 2)).toContain('to=2026-11-20T11%3A00%3A00.000Z');
    expect(pointArticlesRoute(trend(points), 9)).toBeNull();
  });

  it("follows the point's own link into the articles read model when the service gives one", () => {
    const linked = {
      ...point('2026-11-20T09:00:00.000Z', 3),
      articlesUrl: '/v1/articles?topic=bars&topicVersion=2',
    } as Point;
    expect(pointArticlesRoute(trend([linked]), 0)).toBe('/articles?topic=bars&topicVersion=2');
  });
});

describe('share of voice', () => {
  const answer = {
    topicIds: ['bars', 'ports'],
    interval: 'day',
    timeZone: 'UTC',
    from: '2026-11-19T00:00:00.000Z',
    to: '2026-11-21T00:00:00.000Z',
    points: [
      {
        bucketStart: '2026-11-19T00:00:00.000Z',
        localStart: '2026-11-19T00:00:00Z',
        total: 4,
        topics: [
          { topicId: 'bars', articles: 3, share: 0.75 },
          { topicId: 'ports', articles: 1, share: 0.25 },
        ],
      },
      {
        bucketStart: '2026-11-20T00:00:00.000Z',
        localStart: '2026-11-20T00:00:00Z',
        total: 0,
        topics: [
          { topicId: 'bars', articles: 0, share: null },
          { topicId: 'ports', articles: 0, share: null },
        ],
      },
    ],
  } as ShareOfVoiceResponseV1;

  it('gives each topic a share column in percent with gaps for empty buckets', () => {
    expect(shareColumns(answer).topics).toEqual([
      { topicId: 'bars', share: [75, null] },
      { topicId: 'ports', share: [25, null] },
    ]);
  });

  it('totals each topic over the range', () => {
    expect(shareTotals(answer)).toEqual([
      { topicId: 'bars', articles: 3, share: 0.75 },
      { topicId: 'ports', articles: 1, share: 0.25 },
    ]);
  });
});
