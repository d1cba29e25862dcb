import type { EntityType } from '@media-monitor/contracts';
import type { RegistryEntity } from '../domain/registry-entity.js';

export const ENTITY_REGISTRY_REPOSITORY = Symbol('EntityRegistryRepository');

export interface RegistrySearch {
  /** Prefix of a word of the name, an alias or the id (case, ё and inflection aside). */
  q?: string;
  type?: EntityType;
  limit: number;
  /** Entities with ids after this one (keyset pagination). */
  after?: string;
}

export interface EntityRegistryRepository {
  get(entityId: string): Promise<RegistryEntity | null>;
  all(): Promise<RegistryEntity[]>;
  /** Entities in id order. */
  search(search: RegistrySearch): Promise<RegistryEntity[]>;
  /** Creates or replaces the entity document. */
  save(entity: RegistryEntity): Promise<void>;
  delete(entityId: string): Promise<boolean>;
  /**
   * Claims a conflict key for an entity (a unique document per key, so two concurrent claims
   * cannot both win); returns the owner after the attempt and whether this call created the claim.
   */
  claimKey(key: string, entityId: string): Promise<{ owner: string; claimed: boolean }>;
  /** Moves a key from an owner that no longer uses it. */
  reassignKey(key: string, from: string, to: string): Promise<void>;
  /** Keys an entity holds. */
  keysOf(entityId: string): Promise<string[]>;
  releaseKeys(entityId: string, keys: readonly string[]): Promise<void>;
  /** Seed entities handled at an earlier start (created, or skipped), so a deleted one stays deleted. */
  seeded(): Promise<Set<string>>;
  markSeeded(entityId: string): Promise<void>;
}
