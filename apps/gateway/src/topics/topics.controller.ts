import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  TopicBackfillQueryV1,
  TopicCreateQueryV1,
  TopicDeleteQueryV1,
  TopicDryRunQueryV1,
  TopicGetQueryV1,
  TopicListQueryV1,
  TopicUpdateQueryV1,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
  type TopicViewV1,
} from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { ApiKeyGuard, RequireScope } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import { TopicCreateBody, TopicDryRunBody, TopicPathId, TopicUpdateBody } from './topic-request.schema.js';

/** Topic changes take the topic's lock and refresh the entity service's catalog. */
const WRITE_TIMEOUT_MS = 15_000;
/** A dry run is bounded by the entity service (ENTITY_DRY_RUN_TIMEOUT_MS, 10 s by default). */
const DRY_RUN_TIMEOUT_MS = 30_000;

/** Topics, their versions, dry runs and backfill progress, owned by the entity service and reached over NATS. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class TopicsController {
  constructor(private readonly queries: QueryClient) {}

  @Get('topics')
  list(): Promise<QueryResponseOf<typeof TopicListQueryV1>> {
    return this.ask(TopicListQueryV1, {});
  }

  /** Creates a topic at version 1; it is matched live at once and active when its backfill completes. */
  @Post('topics')
  @RequireScope('admin')
  async create(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<TopicViewV1> {
    const topic = parseOrThrow(TopicCreateBody, body ?? {}, 'gateway.invalid_body');
    const created = await this.ask(TopicCreateQueryV1, { topic }, WRITE_TIMEOUT_MS);
    void reply.status(201).header('location', `/v1/topics/${created.topic.topicId}`);
    return created.topic;
  }

  /** Evaluates a query over the most recent stored articles without saving anything. */
  @Post('topics/dry-run')
  @HttpCode(200)
  dryRun(@Body() body: unknown): Promise<QueryResponseOf<typeof TopicDryRunQueryV1>> {
    const request = parseOrThrow(TopicDryRunBody, body ?? {}, 'gateway.invalid_body');
    return this.ask(TopicDryRunQueryV1, request, DRY_RUN_TIMEOUT_MS);
  }

  @Get('topics/:topicId')
  async get(@Param('topicId') topicId: string): Promise<TopicViewV1> {
    const id = parseOrThrow(TopicPathId, topicId, 'gateway.invalid_topic_id');
    const { topic } = await this.ask(TopicGetQueryV1, { topicId: id });
    if (!topic) throw notFound(id);
    return topic;
  }

  /** Replaces a topic; a changed query, language or source list makes a new version (backfilled). */
  @Put('topics/:topicId')
  @RequireScope('admin')
  update(
    @Param('topicId') topicId: string,
    @Body() body: unknown,
  ): Promise<QueryResponseOf<typeof TopicUpdateQueryV1>> {
    const id = parseOrThrow(TopicPathId, topicId, 'gateway.invalid_topic_id');
    const topic = parseOrThrow(TopicUpdateBody, body ?? {}, 'gateway.invalid_body');
    return this.ask(TopicUpdateQueryV1, { topicId: id, topic }, WRITE_TIMEOUT_MS);
  }

  @Delete('topics/:topicId')
  @RequireScope('admin')
  @HttpCode(204)
  async delete(@Param('topicId') topicId: string): Promise<void> {
    const id = parseOrThrow(TopicPathId, topicId, 'gateway.invalid_topic_id');
    const { deleted } = await this.ask(TopicDeleteQueryV1, { topicId: id }, WRITE_TIMEOUT_MS);
    if (!deleted) throw notFound(id);
  }

  /** The backfills of a topic's versions, newest first, with their progress. */
  @Get('topics/:topicId/backfill')
  backfill(@Param('topicId') topicId: string): Promise<QueryResponseOf<typeof TopicBackfillQueryV1>> {
    const id = parseOrThrow(TopicPathId, topicId, 'gateway.invalid_topic_id');
    return this.ask(TopicBackfillQueryV1, { topicId: id });
  }

  private ask<C extends QueryContract>(
    contract: C,
    request: QueryRequestOf<C>,
    timeoutMs = 5_000,
  ): Promise<QueryResponseOf<C>> {
    return this.queries.request(contract, request, { timeoutMs });
  }
}

function notFound(topicId: string): NotFoundException {
  return new NotFoundException({ error: { code: 'topic.not_found', message: `no topic "${topicId}"` } });
}
