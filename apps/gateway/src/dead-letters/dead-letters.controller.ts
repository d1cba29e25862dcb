import {
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyRequest } from 'fastify';
import type { DeadLetterPage, DeadLetterReplayOutcome, Namespace } from '@media-monitor/contracts';
import { DeadLetterStore, MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { ApiKeyGuard, RequireScope, type ApiPrincipal } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import { DeadLetterListQueryFields, DeadLetterSeq } from './dead-letter-request.schema.js';

type AuthedRequest = FastifyRequest & { principal?: ApiPrincipal };

/**
 * The DEAD_LETTERS stream: list (read scope), replay and purge (admin). The gateway reads the stream
 * itself: dead letters belong to the messaging platform, not to one service.
 */
@Controller('v1/dead-letters')
@UseGuards(ApiKeyGuard)
export class DeadLettersController {
  private readonly logger = new Logger('DeadLetters');
  private readonly store: DeadLetterStore;

  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection, @Inject(MESSAGING_NAMESPACE) namespace: Namespace) {
    this.store = new DeadLetterStore(nc, namespace);
  }

  /** Dead letters in stream order, filtered by consumer and original subject, one page per cursor. */
  @Get()
  list(@Query() query: unknown): Promise<DeadLetterPage> {
    return this.store.list(parseOrThrow(DeadLetterListQueryFields, query ?? {}, 'gateway.invalid_query'));
  }

  /** Republishes the original message (msg id `replay:<seq>`: a second replay changes nothing). */
  @Post(':seq/replay')
  @RequireScope('admin')
  @HttpCode(200)
  async replay(@Param('seq') raw: string, @Req() request: AuthedRequest): Promise<DeadLetterReplayOutcome> {
    const seq = parseOrThrow(DeadLetterSeq, raw, 'gateway.invalid_dead_letter_seq');
    try {
      const outcome = await this.store.replay(seq);
      this.logger.log(
        `dead letter ${seq} replayed to ${outcome.subject} as ${outcome.stream}:${outcome.streamSequence}` +
          `${outcome.duplicate ? ' (duplicate: already replayed)' : ''} by key ${request.principal?.keyId ?? 'none'}`,
      );
      return outcome;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'deadletter.not_found') throw notFound(seq);
      if (code === 'deadletter.not_replayable')
        throw new ConflictException({ error: { code, message: (error as Error).message } });
      if (error instanceof Error && error.name === 'NoRespondersError') {
        throw new ServiceUnavailableException({
          error: { code: 'deadletter.no_stream', message: 'no stream holds the original subject' },
        });
      }
      throw error;
    }
  }

  /** Deletes the dead letter from the stream. */
  @Delete(':seq')
  @RequireScope('admin')
  @HttpCode(204)
  async purge(@Param('seq') raw: string, @Req() request: AuthedRequest): Promise<void> {
    const seq = parseOrThrow(DeadLetterSeq, raw, 'gateway.invalid_dead_letter_seq');
    if (!(await this.store.purge(seq))) throw notFound(seq);
    this.logger.log(`dead letter ${seq} purged by key ${request.principal?.keyId ?? 'none'}`);
  }
}

function notFound(seq: number): NotFoundException {
  return new NotFoundException({ error: { code: 'deadletter.not_found', message: `no dead letter ${seq}` } });
}
