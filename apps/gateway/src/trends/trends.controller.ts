import { Controller, Get, Param, Query } from '@nestjs/common';
import { TopicTrendQueryV1, type TopicTrendResponseV1 } from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { parseOrThrow } from '../http/validation.js';
import { TopicIdSchema, TrendQuerySchema } from './trend-query.schema.js';

/** Topic trend series, answered by the trends service over NATS request-reply. */
@Controller('v1/topics')
export class TrendsController {
  constructor(private readonly queries: QueryClient) {}

  /** Hourly volume and tone of a topic; each point lists the articles behind it. */
  @Get(':topicId/trends')
  async trend(@Param('topicId') topicId: string, @Query() query: unknown): Promise<TopicTrendResponseV1> {
    const id = parseOrThrow(TopicIdSchema, topicId, 'gateway.invalid_topic_id');
    const range = parseOrThrow(TrendQuerySchema, query ?? {}, 'gateway.invalid_query');
    return this.queries.request(TopicTrendQueryV1, { topicId: id, ...range }, { timeoutMs: 5000 });
  }
}
