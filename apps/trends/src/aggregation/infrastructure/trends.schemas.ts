import mongoose from 'mongoose';

export interface JoinDocument {
  _id: string;
  entities?: {
    publishedAt: string;
    language: string;
    source: { id: string; name?: string };
    topics: Array<{ topicId: string; matched: string[] }>;
    entityIds: string[];
  };
  sentiment?: { document: { score: number; label: 'negative' | 'neutral' | 'positive'; confidence: number } };
  countedAt?: Date | null;
}

export const JOIN_MODEL = 'AnalysisJoin';
export const joinSchema = new mongoose.Schema<JoinDocument>(
  { _id: String, entities: mongoose.Schema.Types.Mixed, sentiment: mongoose.Schema.Types.Mixed, countedAt: Date },
  { collection: 'analysis_joins', versionKey: false },
);

export interface TopicBucketDocument {
  _id: string;
  topicId: string;
  interval: 'hour';
  bucketStart: Date;
  articles: number;
  toneSum: number;
  toneCount: number;
  positive: number;
  negative: number;
  neutral: number;
  /** The articles counted here: the guard against double counting and the trace behind the numbers. */
  articleIds: string[];
}

export const TOPIC_BUCKET_MODEL = 'TopicBucket';
export const topicBucketSchema = new mongoose.Schema<TopicBucketDocument>(
  {
    _id: String,
    topicId: { type: String, required: true },
    interval: { type: String, required: true },
    bucketStart: { type: Date, required: true },
    articles: { type: Number, default: 0 },
    toneSum: { type: Number, default: 0 },
    toneCount: { type: Number, default: 0 },
    positive: { type: Number, default: 0 },
    negative: { type: Number, default: 0 },
    neutral: { type: Number, default: 0 },
    articleIds: { type: [String], default: [] },
  },
  { collection: 'topic_buckets', versionKey: false },
);
topicBucketSchema.index({ topicId: 1, interval: 1, bucketStart: 1 });
