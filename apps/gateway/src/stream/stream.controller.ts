import {
  Controller,
  Get,
  Inject,
  Param,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowQueryToken, ApiKeyGuard } from '@media-monitor/service-runtime';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import { parseOrThrow } from '../http/validation.js';
import { TopicIdSchema } from '../trends/trend-query.schema.js';
import { LiveEventsService } from './live-events.service.js';
import { formatEventId, parseEventId, sseFrame } from './stream-position.js';
import { StreamQueryFields, TopicStreamQueryFields } from './stream-query.schema.js';

/** How long a client waits before reconnecting, in milliseconds (sent as the SSE `retry` field). */
const RECONNECT_MS = 3_000;

/**
 * Server-Sent Events of new analysed articles (`event: article`) and alerts (`event: alert`) of
 * topics, with heartbeats; `Last-Event-ID` resumes after the last event received.
 */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class StreamController {
  constructor(
    private readonly live: LiveEventsService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('topics/:topicId/stream')
  @AllowQueryToken()
  async topicStream(
    @Param('topicId') topicId: string,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const id = parseOrThrow(TopicIdSchema, topicId, 'gateway.invalid_topic_id');
    parseOrThrow(TopicStreamQueryFields, query ?? {}, 'gateway.invalid_query');
    await this.stream(new Set([id]), request, reply);
  }

  @Get('stream')
  @AllowQueryToken()
  async topicsStream(
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { topics } = parseOrThrow(StreamQueryFields, query ?? {}, 'gateway.invalid_query');
    await this.stream(new Set(topics), request, reply);
  }

  private async stream(topicIds: Set<string>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (this.live.connections >= this.config.SSE_MAX_CONNECTIONS) {
      throw new ServiceUnavailableException({
        error: { code: 'gateway.too_many_streams', message: 'too many open streams; retry later' },
      });
    }
    const lastEventId = request.headers['last-event-id'];
    const from = parseEventId(typeof lastEventId === 'string' ? lastEventId : undefined);
    const raw = reply.raw;
    const buffered: string[] = [];
    let ready = false;
    const write = (chunk: string) => (ready ? raw.write(chunk) : buffered.push(chunk));
    const subscription = await this.live.subscribe(topicIds, from, (event) => {
      write(sseFrame(formatEventId(event.position), event.kind, event.data));
    });
    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(
      `retry: ${RECONNECT_MS}\nid: ${formatEventId(subscription.position)}\n: following ${[...topicIds].join(',')}\n\n`,
    );
    ready = true;
    for (const chunk of buffered.splice(0)) raw.write(chunk);
    const heartbeat = setInterval(
      () => raw.write(`: heartbeat ${new Date().toISOString()}\n\n`),
      this.config.SSE_HEARTBEAT_MS,
    );
    heartbeat.unref();
    const end = () => {
      clearInterval(heartbeat);
      void subscription.close();
    };
    raw.on('close', end);
    raw.on('error', end);
  }
}
