import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
import {
  EntityAliasAddQueryV1,
  EntityAliasRemoveQueryV1,
  EntityDeleteQueryV1,
  EntityGetQueryV1,
  EntityListQueryV1,
  EntityRecordQueryV1,
  EntityUpsertQueryV1,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
  type RegistryEntityV1,
} from '@media-monitor/contracts';
import { ManageRegistryUseCase } from '../application/manage-registry.use-case.js';
import { aliasScript, type RegistryEntity } from '../domain/registry-entity.js';
import { RegistryError } from '../domain/registry.errors.js';

type Req<C extends QueryContract> = QueryRequestOf<C>;
type Res<C extends QueryContract> = Promise<QueryResponseOf<C>>;

/** The entity as the API shows it. */
export function toEntityView(entity: RegistryEntity): RegistryEntityV1 {
  return {
    entityId: entity.entityId,
    type: entity.type,
    name: entity.name,
    ...(entity.description ? { description: entity.description } : {}),
    aliases: entity.aliases.map((a) => ({
      text: a.text,
      ...(a.lang ? { lang: a.lang } : {}),
      caseSensitive: a.caseSensitive,
      script: aliasScript(a.text),
    })),
    origin: entity.origin,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** The alias registry's queries, for the gateway and the trends service. */
@Controller()
export class RegistryResponder {
  constructor(private readonly registry: ManageRegistryUseCase) {}

  /** Name, type and spellings of a registry entity (`entity.not_found` for an id it does not hold). */
  @OnQuery(EntityGetQueryV1)
  async get(@Payload() request: Req<typeof EntityGetQueryV1>): Res<typeof EntityGetQueryV1> {
    const entity = await this.registry.get(request.entityId);
    if (!entity) throw new RegistryError('entity.not_found', `no entity "${request.entityId}" in the registry`);
    return {
      entityId: entity.entityId,
      name: entity.name,
      type: entity.type,
      aliases: entity.aliases.map((a) => a.text),
    };
  }

  @OnQuery(EntityRecordQueryV1)
  async record(@Payload() request: Req<typeof EntityRecordQueryV1>): Res<typeof EntityRecordQueryV1> {
    const entity = await this.registry.get(request.entityId);
    return { entity: entity ? toEntityView(entity) : null };
  }

  @OnQuery(EntityListQueryV1)
  async list(@Payload() request: Req<typeof EntityListQueryV1>): Res<typeof EntityListQueryV1> {
    const { entities, next } = await this.registry.search(request);
    return { entities: entities.map(toEntityView), next };
  }

  @OnQuery(EntityUpsertQueryV1)
  async upsert(@Payload() request: Req<typeof EntityUpsertQueryV1>): Res<typeof EntityUpsertQueryV1> {
    const { entity, created } = await this.registry.upsert(request.entity);
    return { entity: toEntityView(entity), created };
  }

  @OnQuery(EntityDeleteQueryV1)
  async delete(@Payload() request: Req<typeof EntityDeleteQueryV1>): Res<typeof EntityDeleteQueryV1> {
    return { deleted: await this.registry.delete(request.entityId) };
  }

  @OnQuery(EntityAliasAddQueryV1)
  async addAlias(@Payload() request: Req<typeof EntityAliasAddQueryV1>): Res<typeof EntityAliasAddQueryV1> {
    const { entity, added } = await this.registry.addAlias(request.entityId, request.alias);
    return { entity: toEntityView(entity), added };
  }

  @OnQuery(EntityAliasRemoveQueryV1)
  async removeAlias(@Payload() request: Req<typeof EntityAliasRemoveQueryV1>): Res<typeof EntityAliasRemoveQueryV1> {
    const { entity } = await this.registry.removeAlias(request.entityId, request.text);
    return { entity: toEntityView(entity) };
  }
}
