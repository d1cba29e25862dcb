import { z } from 'zod';
import { EntityAliasInputV1, EntityType, RegistryEntityId, RegistryEntityInputV1 } from '@media-monitor/contracts';

/** GET /v1/entities */
export const EntityListQueryFields = z.strictObject({
  /** Prefix of a word of the name, an alias or the id (case, ё and inflection aside). */
  q: z.string().trim().min(1).max(200).optional(),
  type: EntityType.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  after: z.string().min(1).max(200).optional(),
});

/** Path parameter `{entityId}` of the registry routes. */
export const RegistryPathId = RegistryEntityId;
/** PUT /v1/entities/{entityId}: the entity without its id (from the path). */
export const EntityPutBody = RegistryEntityInputV1.omit({ entityId: true });
/** POST /v1/entities/{entityId}/aliases */
export const AliasPostBody = EntityAliasInputV1;
/** Path parameter `{alias}`: the spelling to remove, URL-encoded. */
export const AliasPathText = z.string().trim().min(1).max(200);
