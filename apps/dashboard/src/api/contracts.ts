/**
 * The response shapes of the gateway routes the dashboard calls. Wherever the gateway answers with
 * a contract of `@media-monitor/contracts`, its type is imported from there (type-only: nothing
 * reaches the bundle). Two shapes are the gateway's own, not contracts, and are written out here
 * as docs/openapi.json describes them: the entity summary and the dead-letter list.
 */
import type {
  ArticleAnalyzedV1,
  ArticleDetail,
  ArticleListResponseV1,
  ArticleSummary,
  AlertRaisedV1,
  EntityGetResponseV1,
  SeriesTrendResponseV1,
  SourceHealthV1,
  SourceViewV1,
  TopTermsResponseV1,
  TopicBackfillV1,
  TopicCreateInputV1,
  TopicDryRunRequestV1,
  TopicDryRunResponseV1,
  TopicDryRunSampleV1,
  TopicEvidence,
  TopicUpdateInputV1,
  TopicViewV1,
} from '@media-monitor/contracts';

export type {
  ArticleAnalyzedV1,
  ArticleDetail,
  ArticleListResponseV1,
  ArticleSummary,
  AlertRaisedV1,
  EntityGetResponseV1,
  SourceHealthV1,
  SourceViewV1,
  TopicBackfillV1,
  TopicCreateInputV1,
  TopicDryRunRequestV1,
  TopicDryRunResponseV1,
  TopicDryRunSampleV1,
  TopicEvidence,
  TopicUpdateInputV1,
  TopicViewV1,
};

/** GET /v1/topics/{id}/backfill: the backfills of a topic's versions, newest first. */
export interface TopicBackfillsV1 {
  topicId: string;
  activeVersion: number | null;
  backfills: TopicBackfillV1[];
}

/** PUT /v1/topics/{id}: the topic, and whether its definition changed (a new version, backfilled). */
export interface TopicUpdateResultV1 {
  topic: TopicViewV1;
  newVersion: boolean;
}

/**
 * GET /v1/entities/{id} (the gateway's `EntitySummary`): who the entity is (the entity service's
 * registry; null when it does not know the id or did not answer), its trend, tone, co-mentions,
 * sources and the newest articles that mention it, each with its evidence.
 */
export interface EntitySummary {
  entityId: string;
  entity: EntityGetResponseV1 | null;
  /** `unknown`: a name the model found that the registry lacks; `unavailable`: the registry did not answer. */
  registry: 'ok' | 'unknown' | 'unavailable';
  trend: SeriesTrendResponseV1;
  tone: { articles: number; average: number | null; positive: number; negative: number; neutral: number };
  coMentions: TopTermsResponseV1['entities'];
  sources: TopTermsResponseV1['sources'];
  samples: ArticleDetail[];
}

/** One message of the DEAD_LETTERS stream (GET /v1/dead-letters). */
export interface DeadLetter {
  seq: number;
  consumer: string;
  subject: string;
  reason: string;
  code: string;
  deadLetteredAt: string;
  deliveryCount: number;
  payloadPreview: string;
}

/** GET /v1/dead-letters: newest first, `nextCursor` for the next page (null on the last). */
export interface DeadLetterList {
  deadLetters: DeadLetter[];
  nextCursor: string | null;
}

/**
 * What the topic stream (SSE, GET /v1/topics/{id}/stream) carries: `event: article` with an
 * article.analyzed.v1 (ids, source, tone; no title: the dashboard fetches the article), and
 * `event: alert` with an alert.raised.v1 (no deliveries yet).
 */
export type StreamEvent = { kind: 'article'; article: ArticleAnalyzedV1 } | { kind: 'alert'; alert: AlertRaisedV1 };
