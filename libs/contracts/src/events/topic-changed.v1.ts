import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { IsoDateTime } from '../common.js';

/**
 * The state of a topic after a change (created, new version, version activated, renamed, deleted),
 * published by the entity service on the TOPICS stream with msgID `topic:<topicId>:<sequence>`,
 * the sequence counting the topic's changes from 1.
 */
export const TopicChangedV1 = defineEvent(
  SUBJECTS.topicChangedV1,
  z.strictObject({
    topicId: z.string().min(1),
    name: z.string().min(1),
    /** The version whose counts queries show; null until the first backfill completes. */
    activeVersion: z.number().int().min(1).nullable(),
    /** Versions live matching evaluates: the active one and one being backfilled (ascending). */
    liveVersions: z.array(z.number().int().min(1)),
    deleted: z.boolean(),
    changedAt: IsoDateTime,
  }),
);
export type TopicChangedV1 = z.infer<typeof TopicChangedV1.schema>;
