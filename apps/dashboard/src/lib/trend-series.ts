import type { SeriesTrendResponseV1, ShareOfVoiceResponseV1, TrendInterval } from '@media-monitor/contracts';

type Point = SeriesTrendResponseV1['points'][number];

/** The columns a trend chart draws: seconds since the epoch, then one value (or gap) per bucket. */
export interface TrendColumns {
  x: number[];
  articles: number[];
  stories: number[];
  publishers: number[];
  /** Normalised volume in percent, null where undefined (empty bucket). */
  sharePercent: Array<number | null>;
  /** Average tone on [-1, 1], null where no article was scored. */
  tone: Array<number | null>;
}

export function trendColumns(points: readonly Point[]): TrendColumns {
  return {
    x: points.map((p) => Date.parse(p.bucketStart) / 1000),
    articles: points.map((p) => p.articles),
    stories: points.map((p) => p.stories),
    publishers: points.map((p) => p.publishers),
    sharePercent: points.map((p) => (p.normalisedVolume === null ? null : round(p.normalisedVolume * 100, 2))),
    tone: points.map((p) => (p.toneAvg === null ? null : round(p.toneAvg, 3))),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** What a reader sees first: articles in the range and the busiest bucket. */
export interface TrendSummary {
  articles: number;
  scored: number;
  /** Tone over every scored article of the range, null without any. */
  toneAvg: number | null;
  busiest: { bucketStart: string; articles: number } | null;
  /** Buckets the service marked as possibly missing articles (collection gaps). */
  incompleteBuckets: number;
}

export function summariseTrend(points: readonly Point[]): TrendSummary {
  let articles = 0;
  let toneSum = 0;
  let scored = 0;
  let busiest: TrendSummary['busiest'] = null;
  let incompleteBuckets = 0;
  for (const p of points) {
    articles += p.articles;
    toneSum += p.toneSum;
    scored += p.toneCount;
    if (p.articles > 0 && (!busiest || p.articles > busiest.articles)) {
      busiest = { bucketStart: p.bucketStart, articles: p.articles };
    }
    if ((p as { complete?: boolean }).complete === false) incompleteBuckets++;
  }
  return { articles, scored, toneAvg: scored > 0 ? round(toneSum / scored, 3) : null, busiest, incompleteBuckets };
}

const WIDTH_MS: Record<TrendInterval, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The end of each bucket: the next bucket's start, the range's end for the last one. */
export function bucketEnd(points: readonly Point[], index: number, interval: TrendInterval, rangeTo: string): string {
  const next = points[index + 1];
  if (next) return next.bucketStart;
  const start = points[index];
  if (!start) return rangeTo;
  return new Date(Math.min(Date.parse(start.bucketStart) + WIDTH_MS[interval], Date.parse(rangeTo))).toISOString();
}

/**
 * The dashboard route listing the articles counted in one point (invariant 5): the point's own
 * link into the articles read model where the service gives one, else a filter on the series and
 * the bucket's time range.
 */
export function pointArticlesRoute(
  trend: Pick<SeriesTrendResponseV1, 'series' | 'interval' | 'to' | 'points'>,
  index: number,
): string | null {
  const point = trend.points[index];
  if (!point) return null;
  const link = (point as { articlesUrl?: unknown }).articlesUrl;
  if (typeof link === 'string' && link.startsWith('/v1/articles?')) return link.slice('/v1'.length);
  const param = trend.series.kind === 'topic' ? 'topic' : trend.series.kind === 'entity' ? 'entity' : 'source';
  const query = new URLSearchParams({
    [param]: trend.series.id,
    from: point.bucketStart,
    to: bucketEnd(trend.points, index, trend.interval, trend.to),
  });
  return `/articles?${query.toString()}`;
}

/** Share-of-voice columns: x, then each topic's share in percent (null where the bucket is empty). */
export function shareColumns(answer: ShareOfVoiceResponseV1): {
  x: number[];
  topics: Array<{ topicId: string; share: Array<number | null> }>;
} {
  return {
    x: answer.points.map((p) => Date.parse(p.bucketStart) / 1000),
    topics: answer.topicIds.map((topicId) => ({
      topicId,
      share: answer.points.map((p) => {
        const entry = p.topics.find((t) => t.topicId === topicId);
        return entry?.share == null ? null : round(entry.share * 100, 2);
      }),
    })),
  };
}

/** Each topic's articles and share over the whole range. */
export function shareTotals(
  answer: ShareOfVoiceResponseV1,
): Array<{ topicId: string; articles: number; share: number | null }> {
  const totals = answer.topicIds.map((topicId) => ({
    topicId,
    articles: answer.points.reduce((n, p) => n + (p.topics.find((t) => t.topicId === topicId)?.articles ?? 0), 0),
  }));
  const all = totals.reduce((n, t) => n + t.articles, 0);
  return totals.map((t) => ({ ...t, share: all > 0 ? round(t.articles / all, 4) : null }));
}
