import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityAliasInputV1, RegistryEntityInputV1 } from '@media-monitor/contracts';
import { collectAliasRefs, parseQuery, QueryParseError } from '@media-monitor/nlp';
import type { KeyedLock } from '@media-monitor/persistence';
import { CATALOG_REVISIONS, type CatalogRevisions } from '../../catalog/application/catalog-revisions.js';
import { MatchingCatalog } from '../../catalog/application/matching-catalog.js';
import type { CanonicalEntity } from '../../analysis/domain/gazetteer.js';
import { CHANGE_LOCK } from '../../entity.tokens.js';
import {
  conflictKeys,
  fromCanonical,
  keyText,
  normaliseEntity,
  searchForm,
  type RegistryEntity,
} from '../domain/registry-entity.js';
import { RegistryError } from '../domain/registry.errors.js';
import {
  ENTITY_REGISTRY_REPOSITORY,
  type EntityRegistryRepository,
  type RegistrySearch,
} from './entity-registry.repository.js';

type NormalisedEntity = ReturnType<typeof normaliseEntity>;

/**
 * The alias registry: canonical entities with their aliases. One alias may not name two entities of
 * the same type (refused with `entity.alias_conflict`); changes reach every replica's gazetteer and
 * topic aliases through the catalog revision (at once here, within ENTITY_CATALOG_REFRESH_MS elsewhere).
 */
@Injectable()
export class ManageRegistryUseCase {
  private readonly logger = new Logger(ManageRegistryUseCase.name);

  constructor(
    @Inject(ENTITY_REGISTRY_REPOSITORY) private readonly registry: EntityRegistryRepository,
    @Inject(CATALOG_REVISIONS) private readonly revisions: CatalogRevisions,
    @Inject(CHANGE_LOCK) private readonly lock: KeyedLock,
    private readonly catalog: MatchingCatalog,
  ) {}

  get(entityId: string): Promise<RegistryEntity | null> {
    return this.registry.get(entityId);
  }

  /** One page of entities in id order, and the id to continue after (null on the last page). */
  async search(search: RegistrySearch): Promise<{ entities: RegistryEntity[]; next: string | null }> {
    const found = await this.registry.search({ ...search, limit: search.limit + 1 });
    const entities = found.slice(0, search.limit);
    return { entities, next: found.length > search.limit ? (entities.at(-1)?.entityId ?? null) : null };
  }

  /** Creates or replaces an entity with every alias it goes by. */
  upsert(input: RegistryEntityInputV1): Promise<{ entity: RegistryEntity; created: boolean }> {
    const entity = normaliseEntity(input);
    return this.changing(entity.entityId, (existing) => this.replace(entity, existing, 'api'));
  }

  /** Adds one alias; an alias with the same spelling is left as it is. */
  addAlias(entityId: string, alias: EntityAliasInputV1): Promise<{ entity: RegistryEntity; added: boolean }> {
    return this.changing(entityId, async (existing) => {
      if (!existing) throw notFound(entityId);
      const entity = normaliseEntity({ ...existing, aliases: [...existing.aliases, alias] });
      if (entity.aliases.length === existing.aliases.length) return { entity: existing, added: false };
      return { entity: (await this.replace(entity, existing, existing.origin)).entity, added: true };
    });
  }

  /** Removes the alias spelled like `text` (the exact spelling first, then ignoring case and hyphens). */
  removeAlias(entityId: string, text: string): Promise<{ entity: RegistryEntity }> {
    return this.changing(entityId, async (existing) => {
      if (!existing) throw notFound(entityId);
      const exact = existing.aliases.filter((a) => a.text.toLowerCase() !== text.toLowerCase());
      const remaining =
        exact.length < existing.aliases.length
          ? exact
          : existing.aliases.filter((a) => searchForm(a.text) !== searchForm(text));
      if (remaining.length === existing.aliases.length) {
        throw new RegistryError('entity.alias_not_found', `${entityId} has no alias "${text}"`);
      }
      if (remaining.length === 0) {
        throw new RegistryError(
          'entity.last_alias',
          `"${text}" is the last alias of ${entityId}; delete the entity instead`,
        );
      }
      const entity = normaliseEntity({ ...existing, aliases: remaining });
      return { entity: (await this.replace(entity, existing, existing.origin)).entity };
    });
  }

  /** Deletes an entity unless a live topic version refers to it with `entity:`. */
  async delete(entityId: string): Promise<boolean> {
    return this.changing(entityId, async (existing) => {
      if (!existing) return false;
      const users = this.topicsNaming(entityId);
      if (users.length > 0) {
        throw new RegistryError(
          'entity.in_use',
          `${entityId} is named with entity: by the live topic version(s) ${users.join(', ')}; change them first`,
          { topics: users },
        );
      }
      await this.registry.delete(entityId);
      await this.registry.releaseKeys(entityId, await this.registry.keysOf(entityId));
      return true;
    });
  }

  /**
   * Adds the seed entities at first start: each one once (an entity deleted later is not brought
   * back), never over an entity with the same id; a seed whose alias conflicts is skipped and logged.
   */
  async seed(entities: readonly CanonicalEntity[]): Promise<number> {
    const done = await this.registry.seeded();
    let created = 0;
    for (const seed of entities) {
      if (done.has(seed.entityId)) continue;
      await this.lock.run(`entity:${seed.entityId}`, async () => {
        if (await this.registry.get(seed.entityId)) return;
        try {
          await this.replace(fromCanonical(seed), null, 'seed');
          created++;
        } catch (error) {
          if (!(error instanceof RegistryError)) throw error;
          this.logger.warn(`seed entity ${seed.entityId} skipped: ${error.message}`);
        }
      });
      await this.registry.markSeeded(seed.entityId);
    }
    if (created > 0) await this.revisions.bump('registry');
    return created;
  }

  /** Runs one change of an entity under its lock, then makes the new registry visible. */
  private async changing<T>(entityId: string, change: (existing: RegistryEntity | null) => Promise<T>): Promise<T> {
    const result = await this.lock.run(`entity:${entityId}`, async () => change(await this.registry.get(entityId)));
    await this.revisions.bump('registry');
    await this.catalog.refresh();
    return result;
  }

  private async replace(
    entity: NormalisedEntity,
    existing: RegistryEntity | null,
    origin: RegistryEntity['origin'],
  ): Promise<{ entity: RegistryEntity; created: boolean }> {
    const keys = conflictKeys(entity);
    await this.claim(entity, keys);
    const now = new Date();
    const saved: RegistryEntity = { ...entity, origin, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await this.registry.save(saved);
    const stale = (await this.registry.keysOf(entity.entityId)).filter((key) => !keys.includes(key));
    if (stale.length > 0) await this.registry.releaseKeys(entity.entityId, stale);
    return { entity: saved, created: existing === null };
  }

  /** Claims every key for the entity, or none: a key held by another entity of the type is a conflict. */
  private async claim(entity: NormalisedEntity, keys: string[]): Promise<void> {
    const claimedNow: string[] = [];
    const conflicts: Array<{ alias: string; entityId: string }> = [];
    for (const key of keys) {
      const { owner, claimed } = await this.registry.claimKey(key, entity.entityId);
      if (claimed) claimedNow.push(key);
      if (owner === entity.entityId) continue;
      if (await this.stillUses(owner, key)) {
        conflicts.push({ alias: this.aliasOf(entity, key), entityId: owner });
      } else {
        // Left behind by a change that stopped half-way (the owner no longer has that alias).
        await this.registry.reassignKey(key, owner, entity.entityId);
      }
    }
    if (conflicts.length === 0) return;
    await this.registry.releaseKeys(entity.entityId, claimedNow);
    const list = conflicts.map((c) => `"${c.alias}" already names ${c.entityId}`).join('; ');
    throw new RegistryError('entity.alias_conflict', `an alias may name only one ${entity.type} entity: ${list}`, {
      conflicts,
    });
  }

  private async stillUses(entityId: string, key: string): Promise<boolean> {
    const owner = await this.registry.get(entityId);
    return owner !== null && conflictKeys(owner).includes(key);
  }

  private aliasOf(entity: NormalisedEntity, key: string): string {
    const texts = [entity.name, ...entity.aliases.map((a) => a.text)];
    return (
      texts.find((text) => conflictKeys({ type: entity.type, name: text, aliases: [] }).includes(key)) ?? keyText(key)
    );
  }

  /** Live topic versions whose `entity:` references resolve to the entity. */
  private topicsNaming(entityId: string): string[] {
    const { live, aliases } = this.catalog.current();
    const users: string[] = [];
    for (const { ref } of live) {
      let refs: string[];
      try {
        refs = collectAliasRefs(parseQuery(ref.query)).entities;
      } catch (error) {
        if (error instanceof QueryParseError) continue;
        throw error;
      }
      if (refs.some((r) => aliases.resolve(r)?.id === entityId)) users.push(`${ref.topicId}@${ref.version}`);
    }
    return users;
  }
}

function notFound(entityId: string): RegistryError {
  return new RegistryError('entity.not_found', `no entity "${entityId}" in the registry`);
}
