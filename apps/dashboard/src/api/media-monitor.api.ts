import type {
  AlertDeliveriesQueryV1,
  AlertDestinationViewV1,
  AlertRuleV1,
  AlertTestSendQueryV1,
  AlertViewV1,
  QueryResponseOf,
  SeriesTrendResponseV1,
  ShareOfVoiceResponseV1,
  TopTermsResponseV1,
  TrendInterval,
} from '@media-monitor/contracts';
import { segment, withQuery } from '../lib/safe-url.js';
import type { ApiClient } from './api.client.js';
import type {
  ArticleDetail,
  ArticleListResponseV1,
  DeadLetterList,
  EntitySummary,
  SourceViewV1,
  TopicBackfillsV1,
  TopicCreateInputV1,
  TopicDryRunRequestV1,
  TopicDryRunResponseV1,
  TopicUpdateInputV1,
  TopicUpdateResultV1,
  TopicViewV1,
} from './contracts.js';

export interface RangeQuery {
  interval: TrendInterval;
  tz: string;
  from?: string;
  to?: string;
}

/** Filters of the article list; the names are the query parameters of GET /v1/articles. */
export interface ArticleQuery {
  topic?: string;
  topicVersion?: string;
  entity?: string;
  source?: string;
  language?: string;
  tone?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export const ARTICLE_FILTERS = ['topic', 'topicVersion', 'entity', 'source', 'language', 'tone', 'from', 'to'] as const;

/** Every gateway route the dashboard calls, typed from the contracts (see contracts.ts). */
export class MediaMonitorApi {
  constructor(readonly client: ApiClient) {}

  // --- trends (this server) ----------------------------------------------------------------
  topicTrend(topicId: string, range: RangeQuery, signal?: AbortSignal): Promise<SeriesTrendResponseV1> {
    return this.client.get(withQuery(`/v1/topics/${segment(topicId)}/trends`, { ...range }), signal);
  }

  topicTop(topicId: string, limit = 10, signal?: AbortSignal): Promise<TopTermsResponseV1> {
    return this.client.get(withQuery(`/v1/topics/${segment(topicId)}/top`, { limit }), signal);
  }

  entityTrend(entityId: string, range: RangeQuery, signal?: AbortSignal): Promise<SeriesTrendResponseV1> {
    return this.client.get(withQuery(`/v1/entities/${segment(entityId)}/trends`, { ...range }), signal);
  }

  entityCoMentions(entityId: string, limit = 10, signal?: AbortSignal): Promise<TopTermsResponseV1> {
    return this.client.get(withQuery(`/v1/entities/${segment(entityId)}/co-mentions`, { limit }), signal);
  }

  shareOfVoice(topicIds: string[], range: RangeQuery, signal?: AbortSignal): Promise<ShareOfVoiceResponseV1> {
    return this.client.get(withQuery('/v1/share-of-voice', { topics: topicIds.join(','), ...range }), signal);
  }

  // --- alerts (this server) ----------------------------------------------------------------
  alerts(query: { topicId?: string; limit?: number } = {}, signal?: AbortSignal): Promise<{ alerts: AlertViewV1[] }> {
    return this.client.get(withQuery('/v1/alerts', { limit: query.limit ?? 20, topicId: query.topicId }), signal);
  }

  alertDeliveries(alertId: string, signal?: AbortSignal): Promise<QueryResponseOf<typeof AlertDeliveriesQueryV1>> {
    return this.client.get(`/v1/alerts/${segment(alertId)}/deliveries`, signal);
  }

  alertRules(scopeId?: string, signal?: AbortSignal): Promise<{ rules: AlertRuleV1[] }> {
    return this.client.get(withQuery('/v1/alert-rules', { scopeId }), signal);
  }

  saveAlertRule(rule: AlertRuleV1): Promise<{ rule: AlertRuleV1; created: boolean }> {
    return this.client.send('PUT', `/v1/alert-rules/${segment(rule.ruleId)}`, rule);
  }

  deleteAlertRule(ruleId: string): Promise<void> {
    return this.client.send('DELETE', `/v1/alert-rules/${segment(ruleId)}`);
  }

  alertDestinations(signal?: AbortSignal): Promise<{ destinations: AlertDestinationViewV1[] }> {
    return this.client.get('/v1/alert-destinations', signal);
  }

  testSend(destinationId: string): Promise<QueryResponseOf<typeof AlertTestSendQueryV1>> {
    return this.client.send('POST', `/v1/alert-destinations/${segment(destinationId)}/test`);
  }

  // --- topics (entity service) -------------------------------------------------------------
  async topics(signal?: AbortSignal): Promise<TopicViewV1[]> {
    return (await this.client.get<{ topics: TopicViewV1[] }>('/v1/topics', signal)).topics;
  }

  topic(topicId: string, signal?: AbortSignal): Promise<TopicViewV1> {
    return this.client.get(`/v1/topics/${segment(topicId)}`, signal);
  }

  /** POST /v1/topics (201, the topic); without `topicId` the service makes one from the name. */
  createTopic(input: TopicCreateInputV1): Promise<TopicViewV1> {
    return this.client.send('POST', '/v1/topics', input);
  }

  /** PUT /v1/topics/{id}: a changed query, language or source list makes a new version. */
  updateTopic(topicId: string, input: TopicUpdateInputV1): Promise<TopicUpdateResultV1> {
    return this.client.send('PUT', `/v1/topics/${segment(topicId)}`, input);
  }

  dryRun(
    input: Partial<TopicDryRunRequestV1> & { query: string },
    signal?: AbortSignal,
  ): Promise<TopicDryRunResponseV1> {
    return this.client.send('POST', '/v1/topics/dry-run', input, signal);
  }

  backfill(topicId: string, signal?: AbortSignal): Promise<TopicBackfillsV1> {
    return this.client.get(`/v1/topics/${segment(topicId)}/backfill`, signal);
  }

  // --- entities and articles (trends, entity service) --------------------------------------
  entity(entityId: string, query: { samples?: number } = {}, signal?: AbortSignal): Promise<EntitySummary> {
    return this.client.get(withQuery(`/v1/entities/${segment(entityId)}`, { samples: query.samples }), signal);
  }

  articles(query: ArticleQuery, signal?: AbortSignal): Promise<ArticleListResponseV1> {
    return this.client.get(withQuery('/v1/articles', { ...query }), signal);
  }

  async article(articleId: string, signal?: AbortSignal): Promise<ArticleDetail> {
    return (await this.client.get<{ article: ArticleDetail }>(`/v1/articles/${segment(articleId)}`, signal)).article;
  }

  // --- operations (ingest; dead letters) -----------------------------------------------------
  async sources(signal?: AbortSignal): Promise<SourceViewV1[]> {
    return (await this.client.get<{ sources: SourceViewV1[] }>('/v1/sources', signal)).sources;
  }

  deadLetters(query: { cursor?: string; limit?: number } = {}, signal?: AbortSignal): Promise<DeadLetterList> {
    return this.client.get(withQuery('/v1/dead-letters', { ...query }), signal);
  }
}
