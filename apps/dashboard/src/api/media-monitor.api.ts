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
  ArticleListResult,
  BackfillProgress,
  DeadLetter,
  DryRunResult,
  EntityDetail,
  SourceView,
  TopicInput,
  TopicView,
} from './pending-contracts.js';

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

const firstArray = <T>(body: unknown, ...names: string[]): T[] => {
  if (Array.isArray(body)) return body as T[];
  const record = (body ?? {}) as Record<string, unknown>;
  for (const name of names) if (Array.isArray(record[name])) return record[name] as T[];
  return [];
};

/** Every gateway route the dashboard calls, typed from the contracts (or the pending shapes). */
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

  // --- topics (topics branch) --------------------------------------------------------------
  async topics(signal?: AbortSignal): Promise<TopicView[]> {
    return firstArray<TopicView>(await this.client.get('/v1/topics', signal), 'topics');
  }

  async topic(topicId: string, signal?: AbortSignal): Promise<TopicView> {
    const body = await this.client.get<TopicView | { topic: TopicView }>(`/v1/topics/${segment(topicId)}`, signal);
    return 'topic' in body ? body.topic : body;
  }

  async saveTopic(input: TopicInput, existing: boolean): Promise<TopicView> {
    const body = existing
      ? await this.client.send<TopicView | { topic: TopicView }>('PUT', `/v1/topics/${segment(input.topicId ?? '')}`, {
          ...input,
          topicId: undefined,
        })
      : await this.client.send<TopicView | { topic: TopicView }>('POST', '/v1/topics', input);
    return 'topic' in body ? body.topic : body;
  }

  dryRun(input: Omit<TopicInput, 'name' | 'topicId'>, signal?: AbortSignal): Promise<DryRunResult> {
    return this.client.send('POST', '/v1/topics/dry-run', input, signal);
  }

  backfill(topicId: string, signal?: AbortSignal): Promise<BackfillProgress> {
    return this.client.get(`/v1/topics/${segment(topicId)}/backfill`, signal);
  }

  // --- entities and articles (trends branch) -------------------------------------------------
  async entity(entityId: string, signal?: AbortSignal): Promise<EntityDetail> {
    const body = await this.client.get<EntityDetail | { entity: EntityDetail }>(
      `/v1/entities/${segment(entityId)}`,
      signal,
    );
    return 'entity' in body && typeof body.entity === 'object' ? { ...body, ...body.entity } : (body as EntityDetail);
  }

  async articles(query: ArticleQuery, signal?: AbortSignal): Promise<ArticleListResult> {
    const body = await this.client.get<ArticleListResult>(withQuery('/v1/articles', { ...query }), signal);
    return { articles: firstArray(body, 'articles'), nextCursor: body?.nextCursor ?? null };
  }

  async article(articleId: string, signal?: AbortSignal): Promise<ArticleDetail> {
    const body = await this.client.get<ArticleDetail | { article: ArticleDetail }>(
      `/v1/articles/${segment(articleId)}`,
      signal,
    );
    return 'article' in body ? body.article : body;
  }

  // --- operations (ingest branch, later) -----------------------------------------------------
  async sources(signal?: AbortSignal): Promise<SourceView[]> {
    return firstArray<SourceView>(await this.client.get('/v1/sources', signal), 'sources');
  }

  async deadLetters(signal?: AbortSignal): Promise<DeadLetter[]> {
    return firstArray<DeadLetter>(
      await this.client.get('/v1/dead-letters', signal),
      'deadLetters',
      'letters',
      'messages',
    );
  }
}
