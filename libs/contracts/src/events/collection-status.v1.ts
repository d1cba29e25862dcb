import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { IsoDateTime } from '../common.js';

/**
 * How collection of one source went over [from, to), published by ingest (msgID
 * `collection:<sourceId>:<from>:<to>:<status>`): `outage` when the source could not be fetched
 * (errors, timeouts, backoff), `backlog` when fetched items wait unprocessed in ingest, `ok` to
 * record a healthy period (optional; absence of an outage means complete). A later report for
 * the same source and `from` replaces an earlier one (an outage still running is re-sent with a
 * growing `to`, and once more, closed, when the source recovers). Trends marks the buckets the interval overlaps as incomplete.
 */
export const CollectionStatusV1 = defineEvent(
  SUBJECTS.collectionStatusV1,
  z.strictObject({
    sourceId: z.string().min(1).max(200),
    from: IsoDateTime,
    to: IsoDateTime,
    status: z.enum(['ok', 'outage', 'backlog']),
    /** Why, in words (e.g. "HTTP 503 for 3 fetches"). */
    reason: z.string().max(500).optional(),
    reportedAt: IsoDateTime,
  }),
);
export type CollectionStatusV1 = z.infer<typeof CollectionStatusV1.schema>;
