import type { TrendInterval, TrendSeries } from '@media-monitor/contracts';
import type { BucketContribution } from '../domain/contributions.js';

export const BUCKET_REPOSITORY = Symbol('BucketRepository');

/** One stored bucket, with the count maps decoded (empty where the series keeps none). */
export interface BucketRow {
  seriesKey: string;
  bucketStart: Date;
  articles: number;
  toneSum: number;
  toneCount: number;
  positive: number;
  negative: number;
  neutral: number;
  articleIds: string[];
  storyIds: string[];
  sourceIds: string[];
  sources: Map<string, number>;
  entities: Map<string, number>;
}

/** Pre-aggregated buckets per series and interval. */
export interface BucketRepository {
  /** Adds the article to the bucket unless it is already counted there. */
  add(contribution: BucketContribution, articleId: string): Promise<'applied' | 'already-applied'>;
  /** The stored buckets of the series in [from, to), oldest first; empty buckets are absent. */
  find(series: readonly TrendSeries[], interval: TrendInterval, from: Date, to: Date): Promise<BucketRow[]>;
}
