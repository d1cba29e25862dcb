import { z } from 'zod';

/** A durable consumer's logical name, e.g. `entity-articles`. */
const ConsumerName = z.string().regex(/^[a-z][a-z0-9-]{0,80}$/, 'not a consumer name');
/** An un-namespaced subject, e.g. `article.ingested.v1` (no wildcards). */
const SubjectName = z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,15}$/, 'not a subject');

/** GET /v1/dead-letters */
export const DeadLetterListQueryFields = z.strictObject({
  consumer: ConsumerName.optional(),
  subject: SubjectName.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page: the stream sequence to continue at. */
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'not a cursor')
    .optional(),
});

/** The `{seq}` of /v1/dead-letters/{seq}: a stream sequence. */
export const DeadLetterSeq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
