import type { TrendInterval } from '@media-monitor/contracts';
import type { BucketContribution } from '../domain/contributions.js';

export const BUCKET_REPOSITORY = Symbol('BucketRepository');

/** One stored bucket, with the count maps decoded (empty where the series keeps none). */
export interface BucketRow {
  seriesKey: string;
  bucketStart: Date;
  articles: number;
  /** Distinct stories and publishers in this bucket (counted once each through markers). */
  stories: number;
  publishers: number;
  toneSum: number;
  toneCount: number;
  positive: number;
  negative: number;
  neutral: number;
  sources: Map<string, number>;
  entities: Map<string, number>;
}

/** Whether the article is the first of its story and of its publisher in a bucket. */
export interface BucketFirsts {
  story: boolean;
  publisher: boolean;
  /** The same within the hour of a day document's contribution. */
  hourStory?: boolean;
  hourPublisher?: boolean;
}

/**
 * Pre-aggregated buckets per series and interval. Each write is one guarded single-document
 * update: `{ _id, inflight: { $ne: articleId } }` → `$inc` the counters and `$push` the id, so a
 * retry before the article's sets are marked counted finds the id and adds nothing.
 */
export interface BucketRepository {
  /** Adds the article to the bucket unless its id is in the bucket's `inflight` list. */
  add(
    contribution: BucketContribution,
    articleId: string,
    firsts: BucketFirsts,
  ): Promise<'applied' | 'already-applied'>;
  /** Removes the article's id from the buckets' `inflight` lists (after its sets are marked counted). */
  release(keys: readonly string[], articleId: string): Promise<void>;
  /** The stored buckets of the series (keys such as `topic:bars@2`) in [from, to), oldest first. */
  find(seriesKeys: readonly string[], interval: TrendInterval, from: Date, to: Date): Promise<BucketRow[]>;
  /** Articles per source of the given sources, from the global series' buckets in [from, to), oldest first. */
  findSourceTotals(
    sourceIds: readonly string[],
    interval: TrendInterval,
    from: Date,
    to: Date,
  ): Promise<Array<{ bucketStart: Date; sources: Map<string, number> }>>;
  /**
   * The first and the last day the series has a day document for (every counted article makes
   * one), or null when it has none: the bounds of a walk through its hours.
   */
  daySpan(seriesKey: string): Promise<{ first: Date; last: Date } | null>;
  /** Deletes every bucket of a series (a deleted topic, a superseded topic version). */
  deleteSeries(seriesKey: string): Promise<number>;
}
