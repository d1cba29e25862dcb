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

/** Why an article matched a topic: a query term, the text it matched and where. */
export const TopicMatchEvidence = z.strictObject({
  /** The operand as written in the query, e.g. `"Курская область"` or `entity:unit:bars-kursk`. */
  term: z.string(),
  matchedText: z.string(),
  /** Character offsets into the analysed text (title, a blank line, then the body). */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** The entity behind an `entity:` term or an alias-expanded word. */
  entityId: z.string().optional(),
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
    /** One entry per live version of a topic that matched (the active one and one being backfilled). */
    topics: z.array(
      z.strictObject({
        topicId: z.string().min(1),
        /** The topic version whose query matched (versions are immutable; see topic.changed.v1). */
        version: z.number().int().min(1),
        /** What made the article match, as written in the article. */
        matched: z.array(z.string()),
        /** The query terms that matched and where (offsets into the analysed text). */
        evidence: z.array(TopicMatchEvidence).optional(),
      }),
    ),
  }),
);
export type ArticleEntitiesV1 = z.infer<typeof ArticleEntitiesV1.schema>;
export type TopicMatchEvidence = z.infer<typeof TopicMatchEvidence>;
