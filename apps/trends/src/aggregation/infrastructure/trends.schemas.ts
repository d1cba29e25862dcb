import mongoose from 'mongoose';
import type { EntitiesHalf, MatchedTopic, SentimentHalf } from '../domain/joined-analysis.js';

export interface JoinDocument {
  _id: string;
  entities?: EntitiesHalf;
  sentiment?: SentimentHalf;
  /** Topic versions from backfills, by `bars@2`. */
  matchedTopics?: Record<string, MatchedTopic>;
  /** Contribution sets counted (`base`, `topic:bars@2`). */
  applied?: string[];
  /** Sets whose counting has started. */
  attempting?: string[];
  /** Buckets whose `inflight` list may still hold this article. */
  releasing?: string[];
  /** True while `releasing` is not empty: the sweeper's (pushed-down equality) filter. */
  releasePending?: boolean;
  countedAt?: Date | null;
}

export const JOIN_MODEL = 'AnalysisJoin';
export const joinSchema = new mongoose.Schema<JoinDocument>(
  {
    _id: String,
    entities: mongoose.Schema.Types.Mixed,
    sentiment: mongoose.Schema.Types.Mixed,
    matchedTopics: mongoose.Schema.Types.Mixed,
    applied: { type: [String], default: undefined },
    attempting: { type: [String], default: undefined },
    releasing: { type: [String], default: undefined },
    releasePending: Boolean,
    countedAt: Date,
  },
  { collection: 'analysis_joins', versionKey: false, minimize: false },
);
joinSchema.index({ releasePending: 1 });

export interface BucketDocument {
  _id: string;
  /** `topic:<id>@<version>`, `entity:<id>`, `source:<id>` or `all:*`. */
  series: string;
  interval: 'minute' | 'hour' | 'day';
  /** `<series>|<interval>`: the one equality every range read filters on. */
  si: string;
  bucketStart: Date;
  articles: number;
  stories: number;
  publishers: number;
  toneSum: number;
  toneCount: number;
  positive: number;
  negative: number;
  neutral: number;
  /** Articles being counted into this bucket right now: the guard against counting a retry twice. */
  inflight: string[];
  /** Articles per source (encoded source id → count); topic and entity buckets. */
  sources?: Record<string, number>;
  /** Articles per mentioned entity (encoded entity id → count); topic and entity day buckets. */
  entities?: Record<string, number>;
  /** Day documents: the counters of each hour (`00`–`23`) that has articles. */
  hours?: Record<string, HourCounters>;
}

/** One hour inside a day document; counters never incremented are absent. */
export interface HourCounters {
  articles?: number;
  stories?: number;
  publishers?: number;
  toneSum?: number;
  toneCount?: number;
  positive?: number;
  negative?: number;
  neutral?: number;
  sources?: Record<string, number>;
}

export const bucketSchema = new mongoose.Schema<BucketDocument>(
  {
    _id: String,
    series: { type: String, required: true },
    interval: { type: String, required: true },
    si: { type: String, required: true },
    bucketStart: { type: Date, required: true },
    articles: { type: Number, default: 0 },
    stories: { type: Number, default: 0 },
    publishers: { type: Number, default: 0 },
    toneSum: { type: Number, default: 0 },
    toneCount: { type: Number, default: 0 },
    positive: { type: Number, default: 0 },
    negative: { type: Number, default: 0 },
    neutral: { type: Number, default: 0 },
    inflight: { type: [String], default: [] },
    // No defaults on the maps: a default in $setOnInsert would conflict with $inc of their fields.
    sources: mongoose.Schema.Types.Mixed,
    entities: mongoose.Schema.Types.Mixed,
    hours: mongoose.Schema.Types.Mixed,
  },
  { collection: 'buckets', versionKey: false, minimize: false },
);
bucketSchema.index({ si: 1, bucketStart: 1 });
bucketSchema.index({ series: 1 });

/**
 * Buckets live in one collection per kind of series and document interval
 * (`buckets_topic_day`, `buckets_all_minute`, …). FerretDB v1 answers every query by scanning a
 * collection (it pushes filters down with a parameterised field name, which no index matches), so
 * a topic's trend scans the few topic day documents, not the entities' and minutes' millions.
 */
export const BUCKET_PARTITIONS = [
  ['topic', 'minute'],
  ['topic', 'day'],
  ['entity', 'day'],
  ['source', 'day'],
  ['all', 'minute'],
  ['all', 'day'],
] as const;

export type BucketPartition = `${(typeof BUCKET_PARTITIONS)[number][0]}_${(typeof BUCKET_PARTITIONS)[number][1]}`;

/** The partition (`topic_day`) of a series key (`topic:bars@2`) or kind, and a document interval. */
export function bucketPartition(seriesOrKind: string, interval: 'minute' | 'hour' | 'day'): BucketPartition {
  const kind = seriesOrKind.split(':')[0];
  return `${kind}_${interval === 'minute' ? 'minute' : 'day'}` as BucketPartition;
}

/** The mongoose models of every partition, registered on the connection (their indexes are created at start). */
export function bucketModels(connection: mongoose.Connection): Record<BucketPartition, mongoose.Model<BucketDocument>> {
  const models = {} as Record<BucketPartition, mongoose.Model<BucketDocument>>;
  for (const [kind, interval] of BUCKET_PARTITIONS) {
    const partition: BucketPartition = `${kind}_${interval}`;
    const name = `Bucket_${partition}`;
    models[partition] =
      (connection.models[name] as mongoose.Model<BucketDocument> | undefined) ??
      connection.model<BucketDocument>(name, bucketSchema, `buckets_${partition}`);
  }
  return models;
}

/** One distinct story (`kind: s`) or publisher (`kind: p`) of one bucket, and the article that claimed it. */
export interface MarkerDocument {
  _id: string;
  si: string;
  series: string;
  bucketStart: Date;
  kind: 's' | 'p';
  value: string;
  by: string;
}

export const MARKER_MODEL = 'BucketMarker';
export const markerSchema = new mongoose.Schema<MarkerDocument>(
  {
    _id: String,
    si: { type: String, required: true },
    series: { type: String, required: true },
    bucketStart: { type: Date, required: true },
    kind: { type: String, required: true },
    value: { type: String, required: true },
    by: { type: String, required: true },
  },
  { collection: 'bucket_markers', versionKey: false },
);
markerSchema.index({ si: 1, bucketStart: 1 });
markerSchema.index({ series: 1 });
