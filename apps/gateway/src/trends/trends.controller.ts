import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  TopTermsQueryV1,
  type ShareOfVoiceResponseV1,
  type TopTermsResponseV1,
  type TrendSeries,
} from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { ApiKeyGuard } from '@media-monitor/service-runtime';
import { sendCsv } from '../http/csv.js';
import { EncodedBody, jsonBodyFor } from '../http/encoded-body.js';
import { parseOrThrow } from '../http/validation.js';
import {
  EntityIdSchema,
  ShareOfVoiceQuerySchema,
  TopTermsQuerySchema,
  TopicIdSchema,
  TrendQuerySchema,
} from './trend-query.schema.js';
import { TrendAnswers, trendAnswerKey } from './trend-answers.js';

const QUERY_TIMEOUT_MS = 5_000;
const TREND_COLUMNS = [
  'bucketStart',
  'localStart',
  'articles',
  'stories',
  'publishers',
  'toneAvg',
  'positive',
  'negative',
  'neutral',
  'normalisedVolume',
  'complete',
  'articlesUrl',
] as const;

/** Trend series, top terms and share of voice, answered by the trends service over NATS request-reply. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class TrendsController {
  /** Dashboards poll the same series: identical requests share answers for a second (TREND_CACHE_MS). */
  constructor(
    private readonly queries: QueryClient,
    private readonly trendAnswers: TrendAnswers,
  ) {}

  /** Volume, unique stories, publishers, tone and normalised volume of a topic; each point lists its articles. */
  @Get('topics/:topicId/trends')
  topicTrend(
    @Param('topicId') topicId: string,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const id = parseOrThrow(TopicIdSchema, topicId, 'gateway.invalid_topic_id');
    return this.trend({ kind: 'topic', id }, query, request, reply);
  }

  /** The same series for one canonical entity (all its aliases, in every script). */
  @Get('entities/:entityId/trends')
  entityTrend(
    @Param('entityId') entityId: string,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const id = parseOrThrow(EntityIdSchema, entityId, 'gateway.invalid_entity_id');
    return this.trend({ kind: 'entity', id }, query, request, reply);
  }

  /** The entities and sources most present in a topic's articles. */
  @Get('topics/:topicId/top')
  topicTop(@Param('topicId') topicId: string, @Query() query: unknown): Promise<TopTermsResponseV1> {
    const id = parseOrThrow(TopicIdSchema, topicId, 'gateway.invalid_topic_id');
    return this.top({ kind: 'topic', id }, query);
  }

  /** The entities mentioned together with an entity, and the sources that carried it. */
  @Get('entities/:entityId/co-mentions')
  entityCoMentions(@Param('entityId') entityId: string, @Query() query: unknown): Promise<TopTermsResponseV1> {
    const id = parseOrThrow(EntityIdSchema, entityId, 'gateway.invalid_entity_id');
    return this.top({ kind: 'entity', id }, query);
  }

  /** Each topic's share of the coverage of several topics. */
  @Get('share-of-voice')
  async shareOfVoice(
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShareOfVoiceResponseV1 | string> {
    const { format, ...request } = parseOrThrow(ShareOfVoiceQuerySchema, query ?? {}, 'gateway.invalid_query');
    const answer = await this.queries.request(ShareOfVoiceQueryV1, request, { timeoutMs: QUERY_TIMEOUT_MS });
    if (format === 'json') return answer;
    const rows = answer.points.flatMap((p) =>
      p.topics.map((t) => ({
        bucketStart: p.bucketStart,
        localStart: p.localStart,
        total: p.total,
        complete: p.complete,
        ...t,
      })),
    );
    return sendCsv(
      reply,
      'share-of-voice',
      ['bucketStart', 'localStart', 'topicId', 'articles', 'share', 'total', 'complete'],
      rows,
    );
  }

  private async trend(
    series: TrendSeries,
    query: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Buffer | string> {
    const { format, ...range } = parseOrThrow(TrendQuerySchema, query ?? {}, 'gateway.invalid_query');
    const asked = { series, ...range };
    const { answer, body } = await this.trendAnswers.get(trendAnswerKey(series, range), async () => {
      const fresh = await this.queries.request(SeriesTrendQueryV1, asked, { timeoutMs: QUERY_TIMEOUT_MS });
      return { answer: fresh, body: new EncodedBody(JSON.stringify(fresh)) };
    });
    if (format === 'json') return jsonBodyFor(request, reply, body);
    return sendCsv(reply, `${series.kind}-${series.id}-${range.interval}`, TREND_COLUMNS, answer.points);
  }

  private top(series: TrendSeries, query: unknown): Promise<TopTermsResponseV1> {
    const request = parseOrThrow(TopTermsQuerySchema, query ?? {}, 'gateway.invalid_query');
    return this.queries.request(TopTermsQueryV1, { series, ...request }, { timeoutMs: QUERY_TIMEOUT_MS });
  }
}
