import mongoose from 'mongoose';
import type { ArticleDetail } from '@media-monitor/contracts';

/** One analysed article in the read model behind /v1/articles. */
export interface ArticleRecordDocument extends Omit<ArticleDetail, 'articleId' | 'publishedAt' | 'topics'> {
  _id: string;
  publishedAt: Date;
  /** The start of publishedAt's hour: pages are read hour by hour, by equality (ListArticlesUseCase). */
  publishedHour: Date;
  /** Topic versions by `bars@2`, with their evidence. */
  topics: Record<string, ArticleDetail['topics'][number]>;
  /** `bars@2` keys: the topic filter. */
  topicKeys: string[];
  sourceId: string;
  toneLabel: ArticleDetail['tone']['label'];
}

export const ARTICLE_RECORD_MODEL = 'ArticleRecord';
export const articleRecordSchema = new mongoose.Schema<ArticleRecordDocument>(
  {
    _id: String,
    url: String,
    title: String,
    snippet: String,
    source: mongoose.Schema.Types.Mixed,
    sourceId: { type: String, required: true },
    language: String,
    publishedAt: { type: Date, required: true },
    publishedHour: { type: Date, required: true },
    storyId: String,
    tone: mongoose.Schema.Types.Mixed,
    toneLabel: String,
    topics: mongoose.Schema.Types.Mixed,
    topicKeys: { type: [String], default: [] },
    entityIds: { type: [String], default: [] },
    entities: mongoose.Schema.Types.Mixed,
  },
  { collection: 'articles', versionKey: false, minimize: false },
);
// A listing reads one hour at a time, alone or with one filter (equalities the store can use).
articleRecordSchema.index({ publishedHour: 1 });
articleRecordSchema.index({ topicKeys: 1, publishedHour: 1 });
articleRecordSchema.index({ entityIds: 1, publishedHour: 1 });
articleRecordSchema.index({ sourceId: 1, publishedHour: 1 });
