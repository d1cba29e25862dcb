import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { AnalyzerRef, ArticleId, IsoDateTime, LanguageCode, Tone } from '../common.js';

export const ArticleSentimentV1 = defineEvent(
  SUBJECTS.articleSentimentV1,
  z.strictObject({
    articleId: ArticleId,
    publishedAt: IsoDateTime,
    language: LanguageCode,
    analyzer: AnalyzerRef,
    document: Tone,
    sentences: z.array(
      z.strictObject({
        index: z.number().int().min(0),
        start: z.number().int().min(0),
        end: z.number().int().min(0),
        tone: Tone,
      }),
    ),
  }),
);
export type ArticleSentimentV1 = z.infer<typeof ArticleSentimentV1.schema>;
