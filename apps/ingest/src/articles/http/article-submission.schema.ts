import { z } from 'zod';

/** The body of POST /v1/articles: one article, or `{ articles: [...] }` for a batch. */
export const ArticleSubmissionSchema = z.strictObject({
  url: z.string().min(1).max(4000),
  title: z.string().trim().min(1).max(2000),
  body: z.string().trim().min(1).max(1_000_000),
  publishedAt: z.iso.datetime({ offset: true }),
  source: z.strictObject({ id: z.string().trim().min(1).max(200), name: z.string().trim().min(1).max(300).optional() }),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
});

export const ArticleBatchSchema = z.strictObject({ articles: z.array(ArticleSubmissionSchema).min(1).max(500) });

/** A batch whose items are checked one by one (`?partial=true`). */
export const LooseArticleBatchSchema = z.strictObject({ articles: z.array(z.unknown()).min(1).max(500) });
