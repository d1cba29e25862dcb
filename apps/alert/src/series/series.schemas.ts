import mongoose from 'mongoose';

/** One hour of one topic's or entity's coverage, as counted by the alert service itself. */
export interface SeriesBucketDocument {
  /** `<scope>|<subject id>|<hour start ISO>`. */
  _id: string;
  scope: 'topic' | 'entity';
  subjectId: string;
  hourStart: Date;
  articles: number;
  toneSum: number;
  toneSqSum: number;
  toneCount: number;
  /** Articles counted here: the guard against counting one twice, and the trace to them. */
  articleIds: string[];
  /** Articles per source and (topic buckets) per co-mentioned entity, keys encoded by encodeKey. */
  sources: Record<string, number>;
  entities: Record<string, number>;
}

export const SERIES_MODEL = 'AlertSeriesBucket';
export const seriesSchema = new mongoose.Schema<SeriesBucketDocument>(
  {
    _id: String,
    scope: { type: String, required: true },
    subjectId: { type: String, required: true },
    hourStart: { type: Date, required: true },
    articles: { type: Number, default: 0 },
    toneSum: { type: Number, default: 0 },
    toneSqSum: { type: Number, default: 0 },
    toneCount: { type: Number, default: 0 },
    articleIds: { type: [String], default: [] },
    sources: { type: mongoose.Schema.Types.Mixed, default: {} },
    entities: { type: mongoose.Schema.Types.Mixed, default: {} },
  },
  { collection: 'alert_series_hourly', versionKey: false, minimize: false },
);
seriesSchema.index({ scope: 1, subjectId: 1, hourStart: 1 });
seriesSchema.index({ hourStart: 1 });

/** Field names cannot hold "." or start with "$": those characters are percent-encoded. */
export function encodeKey(key: string): string {
  return key.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');
}

export function decodeKey(key: string): string {
  return key.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');
}

export const bucketIdFor = (scope: string, subjectId: string, hourStart: Date) =>
  `${scope}|${subjectId}|${hourStart.toISOString()}`;
