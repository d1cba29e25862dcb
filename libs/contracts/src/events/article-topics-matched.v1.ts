import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime } from '../common.js';
import { TopicEvidence } from './article-entities.v1.js';

/**
 * Published by the entity service's backfill for each stored article that matches a new topic
 * version (msgID `topics-matched:<articleId>:<topicId>@<version>`). Trends counts it as a delta:
 * a topic version already counted for the article (by live matching) is not counted again.
 */
export const ArticleTopicsMatchedV1 = defineEvent(
  SUBJECTS.articleTopicsMatchedV1,
  z.strictObject({
    articleId: ArticleId,
    publishedAt: IsoDateTime,
    topics: z
      .array(
        z.strictObject({
          topicId: z.string().min(1),
          version: z.number().int().min(1),
          matched: z.array(z.string()),
          evidence: z.array(TopicEvidence),
        }),
      )
      .min(1),
  }),
);
export type ArticleTopicsMatchedV1 = z.infer<typeof ArticleTopicsMatchedV1.schema>;
