import { Inject, Injectable } from '@nestjs/common';
import type { SeriesTrendRequestV1, SeriesTrendResponseV1, TrendSeries } from '@media-monitor/contracts';
import {
  BUCKET_REPOSITORY,
  type BucketRepository,
  type BucketRow,
} from '../aggregation/application/bucket.repository.js';
import { storedIntervals } from '../aggregation/domain/contributions.js';
import { TrendRequestError, checkTimeZone, groupByBucket, planBuckets, type BucketPlan } from './domain/bucket-plan.js';
import { mergeRows, normalisedVolume, toTrendPoint, type MergedBucket } from './domain/trend-points.js';

/** A series over [from, to) at the asked interval and time zone, every bucket present (empty ones as zeros). */
@Injectable()
export class SeriesTrendUseCase {
  constructor(@Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository) {}

  async execute(request: SeriesTrendRequestV1): Promise<SeriesTrendResponseV1> {
    const timeZone = checkTimeZone(request.timeZone);
    const from = new Date(request.from);
    const to = new Date(request.to);
    const plan = planBuckets(request.interval, from, to, timeZone);
    if (!storedIntervals(request.series.kind).includes(plan.readInterval)) {
      throw new TrendRequestError(
        'trends.interval_unavailable',
        `${request.series.kind} series are kept per ${storedIntervals(request.series.kind).join(', ')}, not per ${request.interval}`,
      );
    }
    const merged = await this.mergedBuckets(request.series, plan);
    const sourceTotals = await this.sourceTotals(request.series, plan, merged);
    return {
      series: request.series,
      interval: request.interval,
      timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      points: plan.buckets.map((bucket, i) => {
        const m = merged[i] ?? mergeRows([]);
        const normalised = sourceTotals ? normalisedVolume(m, (s) => sourceTotals[i]?.get(s) ?? 0) : null;
        return toTrendPoint(bucket, m, timeZone, normalised);
      }),
    };
  }

  /** The series' stored rows added up per output bucket. */
  async mergedBuckets(series: TrendSeries, plan: BucketPlan): Promise<MergedBucket[]> {
    const rows = await this.read([series], plan);
    return groupByBucket(rows, plan.buckets).map(mergeRows);
  }

  /**
   * Per output bucket, every article of each source the series drew on: the denominators of
   * normalised volume (topic and entity series, hour and day buckets).
   */
  private async sourceTotals(
    series: TrendSeries,
    plan: BucketPlan,
    merged: readonly MergedBucket[],
  ): Promise<Array<Map<string, number>> | undefined> {
    if ((series.kind !== 'topic' && series.kind !== 'entity') || plan.readInterval === 'minute') return undefined;
    const sourceIds = new Set(merged.flatMap((m) => [...m.sources.keys()]));
    if (sourceIds.size === 0) return plan.buckets.map(() => new Map());
    const rows = await this.read(
      [...sourceIds].map((id) => ({ kind: 'source', id })),
      plan,
    );
    return groupByBucket(rows, plan.buckets).map((group) => {
      const totals = new Map<string, number>();
      for (const row of group) {
        const sourceId = row.seriesKey.slice('source:'.length);
        totals.set(sourceId, (totals.get(sourceId) ?? 0) + row.articles);
      }
      return totals;
    });
  }

  private read(series: TrendSeries[], plan: BucketPlan): Promise<BucketRow[]> {
    const first = plan.buckets[0];
    const last = plan.buckets[plan.buckets.length - 1];
    if (!first || !last) return Promise.resolve([]);
    return this.buckets.find(series, plan.readInterval, first.start, last.end);
  }
}
