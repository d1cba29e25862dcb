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
    /** Tone towards each entity of article.entities.v1: per mention, with its sentence as evidence. */
    entities: z.array(
      z.strictObject({
        entityId: z.string().min(1),
        /** Confidence-weighted over the mentions. */
        tone: Tone,
        mentions: z.array(
          z.strictObject({
            start: z.number().int().min(0),
            end: z.number().int().min(0),
            sentenceIndex: z.number().int().min(0),
            tone: Tone,
          }),
        ),
      }),
    ),
  }),
);
export type ArticleSentimentV1 = z.infer<typeof ArticleSentimentV1.schema>;
