import { z } from 'zod';
import { ArticleId } from '@media-monitor/contracts';
import { EntityIdSchema, TopicIdSchema } from '../trends/trend-query.schema.js';

const isoDateTime = z.iso.datetime({ offset: true });

/** GET /v1/articles: filters (combined with AND), page size and the cursor of the previous page. */
export const ArticleListQueryFields = z.strictObject({
  topic: TopicIdSchema.optional(),
  /** The topic version (default: the one the topic's trends show, its active version). */
  topicVersion: z.coerce.number().int().min(1).optional(),
  entity: EntityIdSchema.optional(),
  source: z.string().min(1).max(200).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  tone: z.enum(['negative', 'neutral', 'positive']).optional(),
  /** publishedAt in [from, to). */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});

export const ArticleListQuerySchema = ArticleListQueryFields.refine(
  (q) => q.topicVersion === undefined || q.topic !== undefined,
  { message: 'topicVersion needs topic', path: ['topicVersion'] },
).transform((q) => ({
  ...(q.topic ? { topicId: q.topic } : {}),
  ...(q.topicVersion ? { topicVersion: q.topicVersion } : {}),
  ...(q.entity ? { entityId: q.entity } : {}),
  ...(q.source ? { sourceId: q.source } : {}),
  ...(q.language ? { language: q.language } : {}),
  ...(q.tone ? { toneLabel: q.tone } : {}),
  ...(q.from ? { from: q.from } : {}),
  ...(q.to ? { to: q.to } : {}),
  ...(q.cursor ? { cursor: q.cursor } : {}),
  limit: q.limit,
}));

export const ArticleIdSchema = ArticleId;
