import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime, LanguageCode, SourceRef, Tone } from '../common.js';

/** Published by trends once an article's analyses are joined and counted into its buckets. */
export const ArticleAnalyzedV1 = defineEvent(
  SUBJECTS.articleAnalyzedV1,
  z.strictObject({
    articleId: ArticleId,
    publishedAt: IsoDateTime,
    language: LanguageCode,
    source: SourceRef,
    /** The story (near-duplicate cluster) of the article; its own id when it has none. */
    storyId: ArticleId,
    topicIds: z.array(z.string().min(1)),
    entityIds: z.array(z.string().min(1)),
    tone: Tone,
    analyzedAt: IsoDateTime,
  }),
);
export type ArticleAnalyzedV1 = z.infer<typeof ArticleAnalyzedV1.schema>;
