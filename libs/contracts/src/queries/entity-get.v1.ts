import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { EntityType } from '../common.js';

/**
 * One canonical entity from the entity service's alias registry: its name, type and aliases
 * (Latin and Cyrillic spellings). An unknown id answers `entity.not_found`.
 */
export const EntityGetQueryV1 = defineQuery(
  SUBJECTS.entityGetQueryV1,
  z.strictObject({ entityId: z.string().min(1).max(200) }),
  z.strictObject({
    entityId: z.string(),
    name: z.string(),
    type: EntityType,
    aliases: z.array(z.string()),
  }),
);
export type EntityGetResponseV1 = z.infer<typeof EntityGetQueryV1.response>;
