import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ArticleGetQueryV1,
  ArticleListQueryV1,
  EntityGetQueryV1,
  SeriesTrendQueryV1,
  TopTermsQueryV1,
  type EntityGetResponseV1,
} from '@media-monitor/contracts';
import { QueryClient, QueryFailedError } from '@media-monitor/messaging';
import { ApiKeyGuard } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import { EntityIdSchema } from '../trends/trend-query.schema.js';
import { EntitySummaryQuerySchema, type EntitySummary } from './entity-summary.schema.js';

const QUERY_TIMEOUT_MS = 5_000;
/** The registry lookup is an embellishment: the summary does not wait long for it. */
const REGISTRY_TIMEOUT_MS = 1_500;

/** One canonical entity: who it is (entity service), its trend, tone, co-mentions and sample articles (trends). */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class EntitySummaryController {
  constructor(private readonly queries: QueryClient) {}

  @Get('entities/:entityId')
  async summary(@Param('entityId') entityId: string, @Query() query: unknown): Promise<EntitySummary> {
    const id = parseOrThrow(EntityIdSchema, entityId, 'gateway.invalid_entity_id');
    const { samples, ...range } = parseOrThrow(EntitySummaryQuerySchema, query ?? {}, 'gateway.invalid_query');
    const series = { kind: 'entity' as const, id };
    const ask = { timeoutMs: QUERY_TIMEOUT_MS };
    const [registry, trend, top, listed] = await Promise.all([
      this.registry(id),
      this.queries.request(SeriesTrendQueryV1, { series, ...range }, ask),
      this.queries.request(TopTermsQueryV1, { series, from: range.from, to: range.to, limit: 10 }, ask),
      samples > 0
        ? this.queries.request(
            ArticleListQueryV1,
            { entityId: id, from: range.from, to: range.to, limit: samples },
            ask,
          )
        : Promise.resolve({ articles: [], nextCursor: null }),
    ]);
    const details = await Promise.all(
      listed.articles.map((a) => this.queries.request(ArticleGetQueryV1, { articleId: a.articleId }, ask)),
    );
    const sum = trend.points.reduce(
      (t, p) => ({
        count: t.count + p.toneCount,
        total: t.total + p.toneSum,
        positive: t.positive + p.positive,
        negative: t.negative + p.negative,
        neutral: t.neutral + p.neutral,
        articles: t.articles + p.articles,
      }),
      { count: 0, total: 0, positive: 0, negative: 0, neutral: 0, articles: 0 },
    );
    return {
      entityId: id,
      entity: registry.entity,
      registry: registry.state,
      trend,
      tone: {
        articles: sum.articles,
        average: sum.count > 0 ? Math.max(-1, Math.min(1, sum.total / sum.count)) : null,
        positive: sum.positive,
        negative: sum.negative,
        neutral: sum.neutral,
      },
      coMentions: top.entities,
      sources: top.sources,
      samples: details.map((d) => d.article),
    };
  }

  private async registry(
    entityId: string,
  ): Promise<{ entity: EntityGetResponseV1 | null; state: EntitySummary['registry'] }> {
    try {
      const entity = await this.queries.request(EntityGetQueryV1, { entityId }, { timeoutMs: REGISTRY_TIMEOUT_MS });
      return { entity, state: 'ok' };
    } catch (error) {
      if (error instanceof QueryFailedError && error.code.endsWith('not_found'))
        return { entity: null, state: 'unknown' };
      if (error instanceof QueryFailedError) return { entity: null, state: 'unavailable' };
      throw error;
    }
  }
}
