import mongoose from 'mongoose';
import type { Article } from '../domain/article.js';

export interface ArticleDocument extends Omit<Article, 'articleId' | 'publishedAt' | 'ingestedAt'> {
  _id: string;
  publishedAt: Date;
  ingestedAt: Date;
  /** Set once the article.ingested event was acknowledged by JetStream; null before. */
  announcedAt: Date | null;
}

export const ARTICLE_MODEL = 'Article';

export const articleSchema = new mongoose.Schema<ArticleDocument>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    canonicalUrl: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    ingestedAt: { type: Date, required: true },
    language: { type: String, required: true },
    source: { id: { type: String, required: true }, name: { type: String } },
    contentHash: { type: String, required: true },
    announcedAt: { type: Date, default: null },
  },
  { collection: 'articles', versionKey: false },
);
articleSchema.index({ announcedAt: 1, ingestedAt: 1 });
articleSchema.index({ contentHash: 1 });
