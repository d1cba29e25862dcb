import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { EntityType, IsoDateTime, LanguageCode } from '../common.js';

/** Ids of registry entities: `<type>:<slug>` with the type in lower case, e.g. `per:alexei-besprozvannikov`. */
export const RegistryEntityId = z
  .string()
  .max(160)
  .regex(
    /^(per|org|loc|misc|unit):[\p{Ll}\p{N}][\p{Ll}\p{N}._-]*$/u,
    'entity ids are "<type>:<slug>": per, org, loc, misc or unit, a colon, then lower-case letters, digits, ".", "_" or "-"',
  );

/** One spelling of an entity's name as the news writes it. */
export const EntityAliasInputV1 = z.strictObject({
  text: z.string().trim().min(1).max(200),
  /** The language the spelling belongs to (ISO 639-1), when it matters. */
  lang: LanguageCode.optional(),
  /** Match only this exact case (e.g. `BARS`, not the word `bars`). */
  caseSensitive: z.boolean().default(false),
});

export const AliasScript = z.enum(['Latin', 'Cyrillic', 'Mixed', 'Other']);

export const EntityAliasV1 = z.strictObject({
  text: z.string(),
  lang: LanguageCode.optional(),
  caseSensitive: z.boolean(),
  /** The writing system of the spelling, derived from its letters. */
  script: AliasScript,
});

/** PUT /v1/entities/{id}: an entity with every alias it goes by (the id comes from the path). */
export const RegistryEntityInputV1 = z.strictObject({
  entityId: RegistryEntityId,
  type: EntityType,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  aliases: z.array(EntityAliasInputV1).min(1).max(64),
});

/** A canonical entity of the alias registry. */
export const RegistryEntityV1 = z.strictObject({
  entityId: z.string(),
  type: EntityType,
  name: z.string(),
  description: z.string().optional(),
  aliases: z.array(EntityAliasV1),
  /** `seed`: created from the built-in list at first start; `api`: created or last replaced through the API. */
  origin: z.enum(['seed', 'api']),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/**
 * One registry entity with everything the registry keeps (aliases with language, script and case);
 * `entity` is null for an id the registry does not hold. (entity.entity-get.v1 is the short form.)
 */
export const EntityRecordQueryV1 = defineQuery(
  SUBJECTS.entityRecordQueryV1,
  z.strictObject({ entityId: z.string().min(1).max(200) }),
  z.strictObject({ entity: RegistryEntityV1.nullable() }),
);

/** Registry entities by id, optionally searched by name or alias prefix (`q`) and type; keyset pages. */
export const EntityListQueryV1 = defineQuery(
  SUBJECTS.entityListQueryV1,
  z.strictObject({
    q: z.string().trim().min(1).max(200).optional(),
    type: EntityType.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    /** The last entity id of the previous page. */
    after: z.string().min(1).max(200).optional(),
  }),
  z.strictObject({
    entities: z.array(RegistryEntityV1),
    /** Pass as `after` for the next page; null on the last page. */
    next: z.string().nullable(),
  }),
);

/** Creates or replaces an entity with its aliases. Errors: entity.alias_conflict, entity.invalid. */
export const EntityUpsertQueryV1 = defineQuery(
  SUBJECTS.entityUpsertQueryV1,
  z.strictObject({ entity: RegistryEntityInputV1 }),
  z.strictObject({ entity: RegistryEntityV1, created: z.boolean() }),
);

/** Deletes an entity. Error: entity.in_use (a live topic version names it with `entity:`). */
export const EntityDeleteQueryV1 = defineQuery(
  SUBJECTS.entityDeleteQueryV1,
  z.strictObject({ entityId: RegistryEntityId }),
  z.strictObject({ deleted: z.boolean() }),
);

/** Adds one alias (an alias it already has is left as it is). Errors: entity.not_found, entity.alias_conflict. */
export const EntityAliasAddQueryV1 = defineQuery(
  SUBJECTS.entityAliasAddQueryV1,
  z.strictObject({ entityId: RegistryEntityId, alias: EntityAliasInputV1 }),
  z.strictObject({ entity: RegistryEntityV1, added: z.boolean() }),
);

/**
 * Removes the alias spelled like `text` (case, hyphens and inflection aside). Errors: entity.not_found,
 * entity.alias_not_found, entity.last_alias.
 */
export const EntityAliasRemoveQueryV1 = defineQuery(
  SUBJECTS.entityAliasRemoveQueryV1,
  z.strictObject({ entityId: RegistryEntityId, text: z.string().trim().min(1).max(200) }),
  z.strictObject({ entity: RegistryEntityV1 }),
);

export type RegistryEntityInputV1 = z.infer<typeof RegistryEntityInputV1>;
export type RegistryEntityV1 = z.infer<typeof RegistryEntityV1>;
export type EntityAliasInputV1 = z.infer<typeof EntityAliasInputV1>;
export type EntityAliasV1 = z.infer<typeof EntityAliasV1>;
export type AliasScript = z.infer<typeof AliasScript>;
export type EntityListRequestV1 = z.infer<typeof EntityListQueryV1.request>;
