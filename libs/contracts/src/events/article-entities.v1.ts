import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { AnalyzerRef, ArticleId, EntityType, IsoDateTime, LanguageCode, SourceRef } from '../common.js';

export const EntityMention = z.strictObject({
  text: z.string().min(1),
  /** Character offsets into the analysed text (title, a blank line, then the body). */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

export const ArticleEntitiesV1 = defineEvent(
  SUBJECTS.articleEntitiesV1,
  z.strictObject({
    articleId: ArticleId,
    publishedAt: IsoDateTime,
    language: LanguageCode,
    source: SourceRef,
    /** Copied from article.ingested.v1: the article as analysed, so later stages need not fetch it. */
    url: z.url(),
    title: z.string().min(1).max(2000),
    body: z.string().min(1).max(1_000_000),
    /** Copied from article.ingested.v1; absent: the article is a story of its own. */
    storyId: ArticleId.optional(),
    analyzer: AnalyzerRef,
    entities: z.array(
      z.strictObject({
        entityId: z.string().min(1),
        name: z.string().min(1),
        type: EntityType,
        mentions: z.array(EntityMention).min(1),
      }),
    ),
    topics: z.array(
      z.strictObject({
        topicId: z.string().min(1),
        /** What made the article match, as written in the article. */
        matched: z.array(z.string()),
        /** The query terms that matched and where (offsets into the analysed text). */
        evidence: z
          .array(
            z.strictObject({
              term: z.string(),
              matchedText: z.string(),
              start: z.number().int().min(0),
              end: z.number().int().min(0),
              entityId: z.string().optional(),
            }),
          )
          .optional(),
      }),
    ),
  }),
);
export type ArticleEntitiesV1 = z.infer<typeof ArticleEntitiesV1.schema>;
