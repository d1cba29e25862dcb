import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime, LanguageCode, SourceRef } from '../common.js';

export const ArticleIngestedV1 = defineEvent(
  SUBJECTS.articleIngestedV1,
  z.strictObject({
    articleId: ArticleId,
    url: z.url(),
    canonicalUrl: z.url(),
    title: z.string().min(1).max(2000),
    body: z.string().min(1).max(1_000_000),
    publishedAt: IsoDateTime,
    ingestedAt: IsoDateTime,
    language: LanguageCode,
    source: SourceRef,
    /** SHA-256 of the normalised title and body, hex. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The story (near-duplicate cluster) the article belongs to; absent: a story of its own. */
    storyId: ArticleId.optional(),
  }),
);
export type ArticleIngestedV1 = z.infer<typeof ArticleIngestedV1.schema>;
