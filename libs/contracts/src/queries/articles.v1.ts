import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, EntityType, IsoDateTime, LanguageCode, SourceRef, Tone, ToneLabel } from '../common.js';
import { TopicEvidence } from '../events/article-entities.v1.js';

/** An analysed article as listed: what it is, where from, its tone, topics and entities. */
export const ArticleSummary = z.strictObject({
  articleId: ArticleId,
  url: z.string(),
  title: z.string(),
  /** The start of the body. */
  snippet: z.string(),
  source: SourceRef,
  language: LanguageCode,
  publishedAt: IsoDateTime,
  storyId: ArticleId,
  tone: Tone,
  topics: z.array(z.strictObject({ topicId: z.string(), version: z.number().int().min(1) })),
  entityIds: z.array(z.string()),
});

/** One article with the evidence behind its numbers. */
export const ArticleDetail = ArticleSummary.extend({
  topics: z.array(
    z.strictObject({
      topicId: z.string(),
      version: z.number().int().min(1),
      matched: z.array(z.string()),
      /** The query terms that matched, the text and its offsets into title + blank line + body. */
      evidence: z.array(TopicEvidence),
    }),
  ),
  entities: z.array(
    z.strictObject({
      entityId: z.string(),
      name: z.string(),
      type: EntityType,
      /** The tone towards the entity over its mentions (absent: the document tone applies). */
      tone: Tone.optional(),
      mentions: z.array(
        z.strictObject({
          text: z.string(),
          start: z.number().int().min(0),
          end: z.number().int().min(0),
          /** The tone towards the entity in this mention's sentence, and that sentence. */
          tone: Tone.optional(),
          sentence: z.string().optional(),
        }),
      ),
    }),
  ),
});

/** Filters of the articles read model; every one optional, combined with AND. */
export const ArticleFilter = z.strictObject({
  topicId: z.string().min(1).max(200).optional(),
  /** The topic version (default: the version trend queries of the topic read, its active one). */
  topicVersion: z.number().int().min(1).optional(),
  entityId: z.string().min(1).max(200).optional(),
  sourceId: z.string().min(1).max(200).optional(),
  language: LanguageCode.optional(),
  toneLabel: ToneLabel.optional(),
  /** publishedAt in [from, to). */
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});

/** Articles newest first (publishedAt desc, then id desc), a page at a time with a keyset cursor. */
export const ArticleListQueryV1 = defineQuery(
  SUBJECTS.articleListQueryV1,
  ArticleFilter.extend({
    limit: z.number().int().min(1).max(200).default(50),
    /** `nextCursor` of the previous page; pages go on as deep as the articles do. */
    cursor: z.string().max(200).optional(),
  }),
  z.strictObject({
    articles: z.array(ArticleSummary),
    /** Absent on the last page. */
    nextCursor: z.string().nullable(),
  }),
);

export const ArticleGetQueryV1 = defineQuery(
  SUBJECTS.articleGetQueryV1,
  z.strictObject({ articleId: ArticleId }),
  z.strictObject({ article: ArticleDetail }),
);

export type ArticleSummary = z.infer<typeof ArticleSummary>;
export type ArticleDetail = z.infer<typeof ArticleDetail>;
export type ArticleFilter = z.infer<typeof ArticleFilter>;
export type ArticleListRequestV1 = z.infer<typeof ArticleListQueryV1.request>;
export type ArticleListResponseV1 = z.infer<typeof ArticleListQueryV1.response>;
