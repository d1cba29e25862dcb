import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime } from '../common.js';
import { TopicMatchEvidence } from './article-entities.v1.js';

/**
 * A stored article that a topic version matches, found by the backfill of that version (entity
 * service). Published on the ANALYSIS stream with msgID `topics-matched:<articleId>:<topicId>@<version>`;
 * live matches of new articles travel in article.entities.v1 instead.
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
          /** What made the article match, as written in the article. */
          matched: z.array(z.string()),
          /** The query terms that matched and where (offsets into the analysed text). */
          evidence: z.array(TopicMatchEvidence),
        }),
      )
      .min(1),
  }),
);
export type ArticleTopicsMatchedV1 = z.infer<typeof ArticleTopicsMatchedV1.schema>;
