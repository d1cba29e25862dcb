import type { TrendInterval } from '@media-monitor/contracts';
import type { BucketContribution } from '../domain/contributions.js';
import type { BucketFirsts } from './bucket.repository.js';

export const BUCKET_MARKER_REPOSITORY = Symbol('BucketMarkerRepository');

/**
 * Markers `<bucket key>|s|<story id>` and `<bucket key>|p|<source id>`, one per distinct story
 * and publisher of a bucket, each recording the article that claimed it: that article (and no
 * other, however often it is retried) adds `stories: 1` / `publishers: 1` to the bucket.
 */
export interface BucketMarkerRepository {
  /**
   * Claims the markers of the contributions for the article; per bucket key, what it was first at.
   * `retry`: an earlier attempt may have claimed some (existing markers are then checked for the article).
   */
  claim(
    contributions: readonly BucketContribution[],
    articleId: string,
    retry: boolean,
  ): Promise<Map<string, BucketFirsts>>;
  /** Distinct stories and publishers per stored bucket of a series in [from, to). */
  distinct(
    seriesKey: string,
    interval: TrendInterval,
    from: Date,
    to: Date,
  ): Promise<Array<{ bucketStart: Date; stories: string[]; publishers: string[] }>>;
  deleteSeries(seriesKey: string): Promise<number>;
}
