import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime } from '../common.js';

export const TrendInterval = z.enum(['hour']);

export const TrendPoint = z.strictObject({
  /** Start of the bucket, UTC. */
  bucketStart: IsoDateTime,
  articles: z.number().int().min(0),
  toneSum: z.number(),
  toneCount: z.number().int().min(0),
  /** toneSum / toneCount, or null for an empty bucket. */
  toneAvg: z.number().min(-1).max(1).nullable(),
  positive: z.number().int().min(0),
  negative: z.number().int().min(0),
  neutral: z.number().int().min(0),
  /** The articles counted in this bucket (invariant 5: every number traces to articles). */
  articleIds: z.array(ArticleId),
});

export const TopicTrendQueryV1 = defineQuery(
  SUBJECTS.topicTrendQueryV1,
  z.strictObject({
    topicId: z.string().min(1).max(100),
    from: IsoDateTime,
    to: IsoDateTime,
    interval: TrendInterval,
  }),
  z.strictObject({
    topicId: z.string(),
    interval: TrendInterval,
    from: IsoDateTime,
    to: IsoDateTime,
    points: z.array(TrendPoint),
  }),
);
export type TrendPoint = z.infer<typeof TrendPoint>;
export type TopicTrendRequestV1 = z.infer<typeof TopicTrendQueryV1.request>;
export type TopicTrendResponseV1 = z.infer<typeof TopicTrendQueryV1.response>;
