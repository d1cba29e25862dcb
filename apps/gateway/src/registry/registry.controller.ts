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
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  EntityAliasAddQueryV1,
  EntityAliasRemoveQueryV1,
  EntityDeleteQueryV1,
  EntityListQueryV1,
  EntityRecordQueryV1,
  EntityUpsertQueryV1,
  type EntityAliasV1,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { ApiKeyGuard, RequireScope } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import {
  AliasPathText,
  AliasPostBody,
  EntityListQueryFields,
  EntityPutBody,
  RegistryPathId,
} from './registry-request.schema.js';

/** Registry changes take the entity's lock and rebuild the entity service's catalog. */
const WRITE_TIMEOUT_MS = 15_000;

/** The alias registry (canonical entities and their spellings), owned by the entity service. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class RegistryController {
  constructor(private readonly queries: QueryClient) {}

  /** Registry entities in id order, searched by a word prefix of their names and aliases; keyset pages. */
  @Get('entities')
  list(@Query() query: unknown): Promise<QueryResponseOf<typeof EntityListQueryV1>> {
    return this.ask(EntityListQueryV1, parseOrThrow(EntityListQueryFields, query ?? {}, 'gateway.invalid_query'));
  }

  /** Creates or replaces an entity with every alias it goes by; an alias of another entity of the type is a 409. */
  @Put('entities/:entityId')
  @RequireScope('admin')
  save(
    @Param('entityId') entityId: string,
    @Body() body: unknown,
  ): Promise<QueryResponseOf<typeof EntityUpsertQueryV1>> {
    const id = parseOrThrow(RegistryPathId, entityId, 'gateway.invalid_entity_id');
    const input = parseOrThrow(EntityPutBody, body ?? {}, 'gateway.invalid_body');
    return this.ask(EntityUpsertQueryV1, { entity: { ...input, entityId: id } }, WRITE_TIMEOUT_MS);
  }

  @Delete('entities/:entityId')
  @RequireScope('admin')
  @HttpCode(204)
  async delete(@Param('entityId') entityId: string): Promise<void> {
    const id = parseOrThrow(RegistryPathId, entityId, 'gateway.invalid_entity_id');
    const { deleted } = await this.ask(EntityDeleteQueryV1, { entityId: id }, WRITE_TIMEOUT_MS);
    if (!deleted) throw notFound(id);
  }

  @Get('entities/:entityId/aliases')
  async aliases(@Param('entityId') entityId: string): Promise<{ entityId: string; aliases: EntityAliasV1[] }> {
    const id = parseOrThrow(RegistryPathId, entityId, 'gateway.invalid_entity_id');
    const { entity } = await this.ask(EntityRecordQueryV1, { entityId: id });
    if (!entity) throw notFound(id);
    return { entityId: entity.entityId, aliases: entity.aliases };
  }

  /** Adds one alias: 201 when added, 200 when the entity had that spelling already. */
  @Post('entities/:entityId/aliases')
  @RequireScope('admin')
  async addAlias(
    @Param('entityId') entityId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QueryResponseOf<typeof EntityAliasAddQueryV1>> {
    const id = parseOrThrow(RegistryPathId, entityId, 'gateway.invalid_entity_id');
    const alias = parseOrThrow(AliasPostBody, body ?? {}, 'gateway.invalid_body');
    const answer = await this.ask(EntityAliasAddQueryV1, { entityId: id, alias }, WRITE_TIMEOUT_MS);
    void reply.status(answer.added ? 201 : 200);
    return answer;
  }

  /** Removes a spelling (URL-encoded in the path); answers the entity with the aliases left. */
  @Delete('entities/:entityId/aliases/:alias')
  @RequireScope('admin')
  removeAlias(
    @Param('entityId') entityId: string,
    @Param('alias') alias: string,
  ): Promise<QueryResponseOf<typeof EntityAliasRemoveQueryV1>> {
    const id = parseOrThrow(RegistryPathId, entityId, 'gateway.invalid_entity_id');
    const text = parseOrThrow(AliasPathText, alias, 'gateway.invalid_alias');
    return this.ask(EntityAliasRemoveQueryV1, { entityId: id, text }, WRITE_TIMEOUT_MS);
  }

  private ask<C extends QueryContract>(
    contract: C,
    request: QueryRequestOf<C>,
    timeoutMs = 5_000,
  ): Promise<QueryResponseOf<C>> {
    return this.queries.request(contract, request, { timeoutMs });
  }
}

function notFound(entityId: string): NotFoundException {
  return new NotFoundException({
    error: { code: 'entity.not_found', message: `no entity "${entityId}" in the registry` },
  });
}
