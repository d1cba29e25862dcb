import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { IsoDateTime } from '../common.js';

/**
 * Published by the entity service on every create, update, activation and deletion of a topic
 * (msgID `topic:<id>:<sequence of the change>`), and for seed topics at first start.
 */
export const TopicChangedV1 = defineEvent(
  SUBJECTS.topicChangedV1,
  z.strictObject({
    topicId: z.string().min(1),
    name: z.string().min(1),
    /** The version queries read; null while the first version's backfill runs. */
    activeVersion: z.number().int().min(1).nullable(),
    /** Versions live matching evaluates: the active one and one being backfilled. */
    liveVersions: z.array(z.number().int().min(1)),
    deleted: z.boolean(),
    changedAt: IsoDateTime,
  }),
);
export type TopicChangedV1 = z.infer<typeof TopicChangedV1.schema>;
