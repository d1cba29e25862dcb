import type { Tone } from '@media-monitor/contracts';

export const BUCKET_REPOSITORY = Symbol('BucketRepository');

export interface BucketRow {
  bucketStart: Date;
  articles: number;
  toneSum: number;
  toneCount: number;
  positive: number;
  negative: number;
  neutral: number;
  articleIds: string[];
}

/** Pre-aggregated hourly buckets per topic. */
export interface BucketRepository {
  /** Adds the article to the topic's bucket unless it is already counted there. */
  addToTopicHour(topicId: string, start: Date, articleId: string, tone: Tone): Promise<'applied' | 'already-applied'>;
  findTopicHours(topicId: string, from: Date, to: Date): Promise<BucketRow[]>;
}
