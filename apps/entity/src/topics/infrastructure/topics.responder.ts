import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
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
} from '@media-monitor/contracts';
import { DryRunUseCase } from '../application/dry-run.use-case.js';
import { ManageTopicsUseCase } from '../application/manage-topics.use-case.js';

type Req<C extends QueryContract> = QueryRequestOf<C>;
type Res<C extends QueryContract> = Promise<QueryResponseOf<C>>;

/** Topic management, dry runs and backfill progress, for the gateway. */
@Controller()
export class TopicsResponder {
  constructor(
    private readonly topics: ManageTopicsUseCase,
    private readonly dryRun: DryRunUseCase,
  ) {}

  @OnQuery(TopicListQueryV1)
  async list(): Res<typeof TopicListQueryV1> {
    return { topics: await this.topics.list() };
  }

  @OnQuery(TopicGetQueryV1)
  async get(@Payload() request: Req<typeof TopicGetQueryV1>): Res<typeof TopicGetQueryV1> {
    return { topic: await this.topics.get(request.topicId) };
  }

  @OnQuery(TopicCreateQueryV1)
  async create(@Payload() request: Req<typeof TopicCreateQueryV1>): Res<typeof TopicCreateQueryV1> {
    return { topic: await this.topics.create(request.topic) };
  }

  @OnQuery(TopicUpdateQueryV1)
  update(@Payload() request: Req<typeof TopicUpdateQueryV1>): Res<typeof TopicUpdateQueryV1> {
    return this.topics.update(request.topicId, request.topic);
  }

  @OnQuery(TopicDeleteQueryV1)
  async delete(@Payload() request: Req<typeof TopicDeleteQueryV1>): Res<typeof TopicDeleteQueryV1> {
    return { deleted: await this.topics.delete(request.topicId) };
  }

  @OnQuery(TopicDryRunQueryV1)
  run(@Payload() request: Req<typeof TopicDryRunQueryV1>): Res<typeof TopicDryRunQueryV1> {
    return this.dryRun.execute(request);
  }

  @OnQuery(TopicBackfillQueryV1)
  backfill(@Payload() request: Req<typeof TopicBackfillQueryV1>): Res<typeof TopicBackfillQueryV1> {
    return this.topics.backfillsOf(request.topicId);
  }
}
