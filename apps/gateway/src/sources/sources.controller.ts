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
  UseGuards,
} from '@nestjs/common';
import {
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourceInputV1,
  SourceSlug,
  SourcesDeleteQueryV1,
  SourcesListQueryV1,
  SourcesUpsertQueryV1,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { ApiKeyGuard, RequireScope } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import { withPathId } from '../alerts/alert-request.schema.js';

/** Sources and their health, owned by the ingest service and reached over NATS request-reply. */
@Controller('v1/sources')
@UseGuards(ApiKeyGuard)
export class SourcesController {
  constructor(private readonly queries: QueryClient) {}

  /** Every source with its health (last fetch, status, error rate, items per day, staleness). */
  @Get()
  list(): Promise<QueryResponseOf<typeof SourcesListQueryV1>> {
    return this.ask(SourcesListQueryV1, {});
  }

  /** One source with its health and its recent fetches. */
  @Get(':sourceId')
  get(@Param('sourceId') sourceId: string): Promise<QueryResponseOf<typeof SourceGetQueryV1>> {
    return this.ask(SourceGetQueryV1, { sourceId: parseOrThrow(SourceSlug, sourceId, 'gateway.invalid_source_id') });
  }

  /** Creates or replaces a source; the id comes from the path. */
  @Put(':sourceId')
  @RequireScope('admin')
  save(
    @Param('sourceId') sourceId: string,
    @Body() body: unknown,
  ): Promise<QueryResponseOf<typeof SourcesUpsertQueryV1>> {
    const id = parseOrThrow(SourceSlug, sourceId, 'gateway.invalid_source_id');
    const source = parseOrThrow(SourceInputV1, withPathId(body, 'sourceId', id), 'gateway.invalid_body');
    return this.ask(SourcesUpsertQueryV1, { source });
  }

  @Delete(':sourceId')
  @RequireScope('admin')
  @HttpCode(204)
  async delete(@Param('sourceId') sourceId: string): Promise<void> {
    const id = parseOrThrow(SourceSlug, sourceId, 'gateway.invalid_source_id');
    const { deleted } = await this.ask(SourcesDeleteQueryV1, { sourceId: id });
    if (!deleted)
      throw new NotFoundException({ error: { code: 'ingest.source.not_found', message: `no source "${id}"` } });
  }

  /** Schedules the source's next fetch for now. */
  @Post(':sourceId/fetch')
  @RequireScope('admin')
  @HttpCode(202)
  fetchNow(@Param('sourceId') sourceId: string): Promise<QueryResponseOf<typeof SourceFetchNowQueryV1>> {
    return this.ask(SourceFetchNowQueryV1, {
      sourceId: parseOrThrow(SourceSlug, sourceId, 'gateway.invalid_source_id'),
    });
  }

  private ask<C extends QueryContract>(contract: C, request: QueryRequestOf<C>): Promise<QueryResponseOf<C>> {
    return this.queries.request(contract, request, { timeoutMs: 10_000 });
  }
}
