import { Inject, Injectable } from '@nestjs/common';
import type { SeriesTrendRequestV1, SeriesTrendResponseV1, TrendSeries } from '@media-monitor/contracts';
import {
  BUCKET_MARKER_REPOSITORY,
  type BucketMarkerRepository,
} from '../aggregation/application/bucket-marker.repository.js';
import {
  BUCKET_REPOSITORY,
  type BucketRepository,
  type BucketRow,
} from '../aggregation/application/bucket.repository.js';
import { seriesKey } from '../aggregation/domain/buckets.js';
import { storedIntervals } from '../aggregation/domain/contributions.js';
import { topicVersionKey } from '../aggregation/domain/joined-analysis.js';
import { CompletenessUseCase } from '../completeness/application/completeness.use-case.js';
import { TopicVersionsUseCase } from '../topics/application/topic-versions.use-case.js';
import { TrendRequestError, checkTimeZone, groupByBucket, planBuckets, type BucketPlan } from './domain/bucket-plan.js';
import { articlesUrl, mergeRows, normalisedVolume, toTrendPoint, type MergedBucket } from './domain/trend-points.js';

/** A public series resolved to the one stored: a topic becomes its active version (`topic:bars@2`). */
export interface StoredSeries {
  series: TrendSeries;
  key: string;
  topicVersion: number | null;
  notes: string[];
}

/** A series over [from, to) at the asked interval and time zone, every bucket present (empty ones as zeros). */
@Injectable()
export class SeriesTrendUseCase {
  constructor(
    @Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository,
    @Inject(BUCKET_MARKER_REPOSITORY) private readonly markers: BucketMarkerRepository,
    private readonly topics: TopicVersionsUseCase,
    private readonly completeness: CompletenessUseCase,
  ) {}

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
    const stored = await this.resolve(request.series);
    const [merged, reasons] = await Promise.all([
      this.mergedBuckets(stored, plan),
      this.completeness.reasons(plan.buckets, request.series.kind === 'source' ? request.series.id : undefined),
    ]);
    const sourceTotals = await this.sourceTotals(request.series, plan, merged);
    return {
      series: request.series,
      interval: request.interval,
      timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      topicVersion: stored.topicVersion,
      notes: stored.notes,
      points: plan.buckets.map((bucket, i) => {
        const m = merged[i] ?? mergeRows([]);
        return toTrendPoint(bucket, m, timeZone, {
          normalised: sourceTotals ? normalisedVolume(m, (s) => sourceTotals[i]?.get(s) ?? 0) : null,
          articlesUrl: articlesUrl(request.series, stored.topicVersion, bucket.start, bucket.end),
          incomplete: reasons[i] ?? [],
        });
      }),
    };
  }

  /** The stored series behind a public one. */
  async resolve(series: TrendSeries): Promise<StoredSeries> {
    if (series.kind !== 'topic') return { series, key: seriesKey(series), topicVersion: null, notes: [] };
    const { version, notes } = await this.topics.resolve(series.id);
    const storedSeries: TrendSeries = { kind: 'topic', id: topicVersionKey(series.id, version) };
    return { series: storedSeries, key: seriesKey(storedSeries), topicVersion: version, notes };
  }

  /**
   * The series' stored rows added up per output bucket; where several rows make one point (days
   * in a time zone from hours), distinct stories and publishers come from the rows' markers.
   */
  async mergedBuckets(stored: StoredSeries, plan: BucketPlan): Promise<MergedBucket[]> {
    const rows = await this.read([stored.key], plan);
    const merged = groupByBucket(rows, plan.buckets).map(mergeRows);
    if (merged.every((m) => m.rows <= 1)) return merged;
    const first = plan.buckets[0];
    const last = plan.buckets[plan.buckets.length - 1];
    if (!first || !last) return merged;
    const distinct = await this.markers.distinct(stored.key, plan.readInterval, first.start, last.end);
    groupByBucket(distinct, plan.buckets).forEach((group, i) => {
      const m = merged[i];
      if (!m || m.rows <= 1) return;
      m.stories = new Set(group.flatMap((g) => g.stories)).size;
      m.publishers = new Set(group.flatMap((g) => g.publishers)).size;
    });
    return merged;
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
    const first = plan.buckets[0];
    const last = plan.buckets[plan.buckets.length - 1];
    if (!first || !last) return [];
    const rows = await this.buckets.findSourceTotals([...sourceIds], plan.readInterval, first.start, last.end);
    return groupByBucket(rows, plan.buckets).map((group) => {
      const totals = new Map<string, number>();
      for (const row of group) for (const [id, n] of row.sources) totals.set(id, (totals.get(id) ?? 0) + n);
      return totals;
    });
  }

  private read(keys: string[], plan: BucketPlan): Promise<BucketRow[]> {
    const first = plan.buckets[0];
    const last = plan.buckets[plan.buckets.length - 1];
    if (!first || !last) return Promise.resolve([]);
    return this.buckets.find(keys, plan.readInterval, first.start, last.end);
  }
}
