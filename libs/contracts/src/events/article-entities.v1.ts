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

/** Where a topic query matched: the query term, the text it matched and its offsets into the analysed text. */
export const TopicEvidence = z.strictObject({
  term: z.string(),
  matchedText: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  entityId: z.string().optional(),
});

/** One topic (version) an article matched. */
export const TopicMatch = z.strictObject({
  topicId: z.string().min(1),
  /**
   * The topic version whose query matched (versions are immutable; a changed query is a new version).
   * Absent: version 1 (publishers from before topic versions).
   */
  version: z.number().int().min(1).optional(),
  /** What made the article match, as written in the article. */
  matched: z.array(z.string()),
  /** The query terms that matched and where (offsets into the analysed text). */
  evidence: z.array(TopicEvidence).optional(),
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
    topics: z.array(TopicMatch),
  }),
);
export type ArticleEntitiesV1 = z.infer<typeof ArticleEntitiesV1.schema>;
export type TopicMatch = z.infer<typeof TopicMatch>;
export type TopicEvidence = z.infer<typeof TopicEvidence>;
