import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
import {
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourcesDeleteQueryV1,
  SourcesListQueryV1,
  SourcesUpsertQueryV1,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { ManageSourcesUseCase } from '../application/manage-sources.use-case.js';

type Req<C extends Parameters<typeof OnQuery>[0]> = QueryRequestOf<C>;
type Res<C extends Parameters<typeof OnQuery>[0]> = Promise<QueryResponseOf<C>>;

/** The ingest service's source queries, for the gateway. */
@Controller()
export class SourcesResponder {
  constructor(private readonly sources: ManageSourcesUseCase) {}

  @OnQuery(SourcesListQueryV1)
  async list(): Res<typeof SourcesListQueryV1> {
    return { sources: await this.sources.list() };
  }

  @OnQuery(SourceGetQueryV1)
  get(@Payload() request: Req<typeof SourceGetQueryV1>): Res<typeof SourceGetQueryV1> {
    return this.sources.get(request.sourceId);
  }

  @OnQuery(SourcesUpsertQueryV1)
  upsert(@Payload() request: Req<typeof SourcesUpsertQueryV1>): Res<typeof SourcesUpsertQueryV1> {
    return this.sources.save(request.source);
  }

  @OnQuery(SourcesDeleteQueryV1)
  async delete(@Payload() request: Req<typeof SourcesDeleteQueryV1>): Res<typeof SourcesDeleteQueryV1> {
    return { deleted: await this.sources.delete(request.sourceId) };
  }

  @OnQuery(SourceFetchNowQueryV1)
  async fetchNow(@Payload() request: Req<typeof SourceFetchNowQueryV1>): Res<typeof SourceFetchNowQueryV1> {
    return { source: await this.sources.fetchNow(request.sourceId) };
  }
}
