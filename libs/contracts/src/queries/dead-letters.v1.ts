import { z } from 'zod';

/** One message of the DEAD_LETTERS stream as `GET /v1/dead-letters` lists it. */
export const DeadLetterView = z.object({
  /** Sequence in the dead-letter stream: the id to replay or purge it with. */
  seq: z.number().int().min(1),
  /** Logical durable name of the consumer that gave up on the message. */
  consumer: z.string(),
  /** Un-namespaced subject the message had been published to. */
  subject: z.string(),
  reason: z.string(),
  code: z.string(),
  deadLetteredAt: z.string(),
  deliveryCount: z.number().int().min(0),
  /** The start of the payload as text (at most 500 characters). */
  payloadPreview: z.string(),
});
export type DeadLetterView = z.infer<typeof DeadLetterView>;

/** A page of dead letters in stream order; `nextCursor` is null when nothing follows. */
export const DeadLetterPage = z.object({
  deadLetters: z.array(DeadLetterView),
  nextCursor: z.string().nullable(),
});
export type DeadLetterPage = z.infer<typeof DeadLetterPage>;

/** What `POST /v1/dead-letters/{seq}/replay` answers. */
export const DeadLetterReplayOutcome = z.object({
  seq: z.number().int(),
  subject: z.string(),
  /** `replay:<seq>`: JetStream de-duplicates a second replay inside the stream's duplicate window. */
  msgId: z.string(),
  stream: z.string(),
  streamSequence: z.number().int(),
  /** True when JetStream already held this replay. */
  duplicate: z.boolean(),
});
export type DeadLetterReplayOutcome = z.infer<typeof DeadLetterReplayOutcome>;
