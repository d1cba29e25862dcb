import mongoose from 'mongoose';
import type { SourceInputV1 } from '@media-monitor/contracts';

export interface SourceDocument extends Omit<SourceInputV1, 'sourceId'> {
  _id: string;
  origin: 'config' | 'api';
  createdAt: Date;
  updatedAt: Date;
}
export const SOURCE_MODEL = 'Source';
export const sourceSchema = new mongoose.Schema<SourceDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    name: { type: String, required: true },
    url: { type: String },
    language: { type: String },
    enabled: { type: Boolean, required: true },
    fetchArticles: { type: String, required: true },
    minIntervalSeconds: { type: Number },
    maxIntervalSeconds: { type: Number },
    maxItemAgeHours: { type: Number, required: true },
    origin: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sources', versionKey: false },
);

export interface SourceStateDocument {
  _id: string;
  nextFetchAt: Date;
  intervalMs: number;
  etag?: string;
  lastModified?: string;
  consecutiveFailures: number;
  lastFetchAt?: Date;
  lastSuccessAt?: Date;
  lastOutcome?: string;
  lastHttpStatus?: number;
  lastError?: { code: string; message: string; at: Date };
}
export const SOURCE_STATE_MODEL = 'SourceState';
export const sourceStateSchema = new mongoose.Schema<SourceStateDocument>(
  {
    _id: { type: String, required: true },
    nextFetchAt: { type: Date, required: true },
    intervalMs: { type: Number, required: true },
    etag: String,
    lastModified: String,
    consecutiveFailures: { type: Number, required: true },
    lastFetchAt: Date,
    lastSuccessAt: Date,
    lastOutcome: String,
    lastHttpStatus: Number,
    lastError: {
      type: new mongoose.Schema({ code: String, message: String, at: Date }, { _id: false }),
      required: false,
    },
  },
  { collection: 'source_states', versionKey: false },
);
sourceStateSchema.index({ nextFetchAt: 1 });

/** One claimed fetch slot (`_id` = `<sourceId>:<scheduled ms>:<lease period>`). */
export interface FetchClaimDocument {
  _id: string;
  owner: string;
  claimedAt: Date;
}
export const FETCH_CLAIM_MODEL = 'FetchClaim';
export const fetchClaimSchema = new mongoose.Schema<FetchClaimDocument>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'fetch_claims', versionKey: false },
);
fetchClaimSchema.index({ claimedAt: 1 });

export interface FetchRunDocument {
  _id: string;
  sourceId: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: string;
  httpStatus?: number;
  error?: { code: string; message: string };
  items: number;
  newItems: number;
  itemErrors: Array<{ url: string; code: string; message: string }>;
}
export const FETCH_RUN_MODEL = 'FetchRun';
export const fetchRunSchema = new mongoose.Schema<FetchRunDocument>(
  {
    _id: { type: String, required: true },
    sourceId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, required: true },
    outcome: { type: String, required: true },
    httpStatus: Number,
    error: { type: new mongoose.Schema({ code: String, message: String }, { _id: false }), required: false },
    items: { type: Number, required: true },
    newItems: { type: Number, required: true },
    itemErrors: {
      type: [new mongoose.Schema({ url: String, code: String, message: String }, { _id: false })],
      default: [],
    },
  },
  { collection: 'fetch_runs', versionKey: false },
);
fetchRunSchema.index({ sourceId: 1, startedAt: -1 });
fetchRunSchema.index({ startedAt: 1 });
