import mongoose from 'mongoose';

export interface JoinDocument {
  _id: string;
  entities?: {
    publishedAt: string;
    language: string;
    source: { id: string; name?: string };
    storyId?: string;
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

export interface BucketDocument {
  _id: string;
  /** `topic:<id>`, `entity:<id>`, `source:<id>` or `all:*`. */
  series: string;
  interval: 'minute' | 'hour' | 'day';
  bucketStart: Date;
  articles: number;
  toneSum: number;
  toneCount: number;
  positive: number;
  negative: number;
  neutral: number;
  /** The articles counted here: the guard against double counting and the trace behind the numbers. */
  articleIds: string[];
  storyIds: string[];
  sourceIds: string[];
  /** Articles per source (encoded source id → count); topic and entity buckets. */
  sources?: Record<string, number>;
  /** Articles per mentioned entity (encoded entity id → count); topic and entity day buckets. */
  entities?: Record<string, number>;
}

export const BUCKET_MODEL = 'Bucket';
export const bucketSchema = new mongoose.Schema<BucketDocument>(
  {
    _id: String,
    series: { type: String, required: true },
    interval: { type: String, required: true },
    bucketStart: { type: Date, required: true },
    articles: { type: Number, default: 0 },
    toneSum: { type: Number, default: 0 },
    toneCount: { type: Number, default: 0 },
    positive: { type: Number, default: 0 },
    negative: { type: Number, default: 0 },
    neutral: { type: Number, default: 0 },
    articleIds: { type: [String], default: [] },
    storyIds: { type: [String], default: [] },
    sourceIds: { type: [String], default: [] },
    // No defaults on the maps: a default in $setOnInsert would conflict with $inc of their fields.
    sources: mongoose.Schema.Types.Mixed,
    entities: mongoose.Schema.Types.Mixed,
  },
  { collection: 'buckets', versionKey: false, minimize: false },
);
bucketSchema.index({ series: 1, interval: 1, bucketStart: 1 });
