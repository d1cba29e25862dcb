/**
 * Shapes of the API routes being added on other branches (topics, articles, entity detail,
 * stream, sources, dead letters), written from docs and the design note's drafts. They are
 * read tolerantly (every field the dashboard does not need is optional); when the routes land,
 * the contracts in @media-monitor/contracts replace these interfaces.
 */
import type { AlertViewV1, Tone, ToneLabel } from '@media-monitor/contracts';

/** GET /v1/topics/{id}/backfill, and `backfill` in a topic. */
export interface BackfillProgress {
  version?: number;
  state?: string;
  scanned?: number;
  total?: number;
  matched?: number;
  startedAt?: string | null;
  finishedAt?: string | null;
}

/** A topic as the topics API shows it (GET /v1/topics, GET /v1/topics/{id}). */
export interface TopicView {
  topicId: string;
  name: string;
  description?: string;
  query: string;
  language?: string | null;
  sourceIds?: string[];
  activeVersion?: number | null;
  liveVersions?: number[];
  version?: number;
  backfill?: BackfillProgress | null;
  createdAt?: string;
  updatedAt?: string;
}

/** POST /v1/topics and PUT /v1/topics/{id}. */
export interface TopicInput {
  topicId?: string;
  name: string;
  description?: string;
  query: string;
  language?: string;
  sourceIds?: string[];
}

/** Where a topic query matched (offsets into title + blank line + body). */
export interface TopicEvidence {
  term: string;
  matchedText: string;
  start: number;
  end: number;
  entityId?: string;
  field?: string;
}

/** POST /v1/topics/dry-run. */
export interface DryRunResult {
  /** Stored articles the query was run against (the bound is stated by the service). */
  scanned?: number;
  matched?: number;
  /** The bound in words, e.g. "the most recent 10,000 articles". */
  scope?: string;
  samples?: Array<{
    articleId: string;
    title: string;
    publishedAt?: string;
    source?: { id: string; name?: string };
    text?: string;
    snippet?: string;
    matched?: string[];
    evidence?: TopicEvidence[];
  }>;
}

/** An analysed article as listed (GET /v1/articles). */
export interface ArticleSummary {
  articleId: string;
  url: string;
  title: string;
  snippet?: string;
  source: { id: string; name?: string };
  language?: string;
  publishedAt: string;
  storyId?: string;
  tone?: Tone;
  topics?: Array<{ topicId: string; version?: number }>;
  entityIds?: string[];
}

export interface ArticleListResult {
  articles: ArticleSummary[];
  nextCursor?: string | null;
}

/** One article with its evidence (GET /v1/articles/{id}). */
export interface ArticleDetail extends Omit<ArticleSummary, 'topics'> {
  /** Title, a blank line, then the body: the text the offsets point into (when the service sends it). */
  text?: string;
  body?: string;
  topics?: Array<{ topicId: string; version?: number; matched?: string[]; evidence?: TopicEvidence[] }>;
  entities?: Array<{
    entityId: string;
    name?: string;
    type?: string;
    tone?: Tone;
    mentions?: Array<{ text: string; start: number; end: number; tone?: Tone; sentence?: string }>;
  }>;
}

/** GET /v1/entities/{id}: the registry's entry (flat or under `entity`). */
export interface EntityDetail {
  entityId: string;
  name?: string;
  type?: string;
  aliases?: string[];
  sampleArticles?: ArticleSummary[];
}

/** GET /v1/sources (ingest). */
export interface SourceView {
  sourceId: string;
  type: string;
  name: string;
  url?: string | null;
  language?: string | null;
  enabled: boolean;
  health?: {
    status: string;
    detail?: string;
    lastFetchAt?: string | null;
    lastSuccessAt?: string | null;
    lastError?: { code: string; message: string; at?: string } | null;
    consecutiveFailures?: number;
    fetches24h?: number;
    errors24h?: number;
    errorRate24h?: number | null;
    items24h?: number;
    lastItemAt?: string | null;
    nextFetchAt?: string | null;
    stale?: boolean;
  };
}

/** One message of the DEAD_LETTERS stream as the dead-letter route lists it. */
export interface DeadLetter {
  sequence?: number;
  consumer?: string;
  subject?: string;
  originalSubject?: string;
  code?: string;
  reason?: string;
  deadLetteredAt?: string;
  deliveryCount?: number;
  payload?: string;
  [field: string]: unknown;
}

/** What the topic stream (SSE, GET /v1/topics/{id}/stream) carries. */
export type StreamEvent = { kind: 'article'; article: ArticleSummary } | { kind: 'alert'; alert: AlertViewV1 };

export type { ToneLabel };
