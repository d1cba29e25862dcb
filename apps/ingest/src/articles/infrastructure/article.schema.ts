import mongoose from 'mongoose';
import type { Article, ArticleExtras } from '../domain/article.js';

export interface ArticleDocument extends Omit<
  Article,
  'articleId' | 'publishedAt' | 'ingestedAt' | 'storyId' | 'extras'
> {
  _id: string;
  publishedAt: Date;
  ingestedAt: Date;
  storyId: string | null;
  /** Set when an article with the same content hash was stored first: this one is a copy of it. */
  duplicateOf: string | null;
  extras?: ArticleExtras;
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
    signature: { type: String, required: true },
    bandKeys: { type: [String], default: [] },
    storyId: { type: String, default: null },
    duplicateOf: { type: String, default: null },
    extras: {
      type: new mongoose.Schema({ author: String, views: Number, links: [String] }, { _id: false }),
      required: false,
    },
    announcedAt: { type: Date, default: null },
  },
  { collection: 'articles', versionKey: false },
);
articleSchema.index({ contentHash: 1 });

/**
 * The outbox: one entry per article stored but not yet announced (`_id` = article id), written
 * before the article and removed once its event is acknowledged (or it turns out a copy). The
 * relay reads this small collection instead of filtering the articles, which FerretDB could only
 * do by reading every stored article (4.5 s per look at 20 000 articles; ADR 0003, outbox).
 */
export interface OutboxEntryDocument {
  _id: string;
  at: Date;
}
export const OUTBOX_MODEL = 'ArticleOutbox';
export const outboxSchema = new mongoose.Schema<OutboxEntryDocument>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'article_outbox', versionKey: false },
);

/** Who holds a content hash: the unique `_id` makes the first claimant win on every replica. */
export interface ContentHashDocument {
  _id: string;
  articleId: string;
  at: Date;
}
export const CONTENT_HASH_MODEL = 'ContentHash';
export const contentHashSchema = new mongoose.Schema<ContentHashDocument>(
  {
    _id: { type: String, required: true },
    articleId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'content_hashes', versionKey: false },
);

/** One source that carried one article (`_id` = `<articleId>|<sourceId>`). */
export interface CarrierDocument {
  _id: string;
  articleId: string;
  sourceId: string;
  sourceName?: string;
  url: string;
  firstSeenAt: Date;
}
export const CARRIER_MODEL = 'ArticleCarrier';
export const carrierSchema = new mongoose.Schema<CarrierDocument>(
  {
    _id: { type: String, required: true },
    articleId: { type: String, required: true },
    sourceId: { type: String, required: true },
    sourceName: { type: String },
    url: { type: String, required: true },
    firstSeenAt: { type: Date, required: true },
  },
  { collection: 'article_carriers', versionKey: false },
);
carrierSchema.index({ articleId: 1 });
carrierSchema.index({ sourceId: 1, firstSeenAt: -1 });
carrierSchema.index({ firstSeenAt: 1 });

/**
 * The LSH bands of one article with its signature (`_id` = article id), found by any of its band
 * keys through a multikey index: one small document per article instead of one per band.
 */
export interface StoryBandDocument {
  _id: string;
  bands: string[];
  signature: string;
}
export const STORY_BAND_MODEL = 'StoryBands';
export const storyBandSchema = new mongoose.Schema<StoryBandDocument>(
  {
    _id: { type: String, required: true },
    bands: { type: [String], required: true },
    signature: { type: String, required: true },
  },
  { collection: 'story_bands', versionKey: false },
);
storyBandSchema.index({ bands: 1 });

/**
 * One LSH band key held by at least one article (`_id` = the key). Claimed with one unordered
 * insert per article: the keys refused as existing are the only ones whose members need reading,
 * so an article unlike any stored one costs one round trip instead of one read per band.
 */
export interface StoryBandKeyDocument {
  _id: string;
}
export const STORY_BAND_KEY_MODEL = 'StoryBandKey';
export const storyBandKeySchema = new mongoose.Schema<StoryBandKeyDocument>(
  { _id: { type: String, required: true } },
  { collection: 'story_band_keys', versionKey: false },
);

/** The story of an article, written once (`_id` = article id). */
export interface StoryAssignmentDocument {
  _id: string;
  storyId: string;
  at: Date;
}
export const STORY_ASSIGNMENT_MODEL = 'StoryAssignment';
export const storyAssignmentSchema = new mongoose.Schema<StoryAssignmentDocument>(
  {
    _id: { type: String, required: true },
    storyId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'story_assignments', versionKey: false },
);
storyAssignmentSchema.index({ storyId: 1 });

/**
 * What one source carried, per hour (`hours`: `YYYY-MM-DDTHH` → new articles carried), kept for 8
 * days, and its latest item: the health numbers of `GET /v1/sources` read one small document per
 * source instead of counting carriers (a filter FerretDB answers by reading every carrier).
 */
export interface SourceItemCountDocument {
  _id: string;
  hours: Record<string, number>;
  lastItemAt: Date;
}
export const SOURCE_ITEM_COUNT_MODEL = 'SourceItemCount';
export const sourceItemCountSchema = new mongoose.Schema<SourceItemCountDocument>(
  {
    _id: { type: String, required: true },
    hours: { type: mongoose.Schema.Types.Mixed, default: {} },
    lastItemAt: { type: Date, required: true },
  },
  { collection: 'source_item_counts', versionKey: false, minimize: false },
);
