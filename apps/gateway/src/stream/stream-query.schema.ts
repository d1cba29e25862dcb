import { z } from 'zod';
import { TopicIdSchema } from '../trends/trend-query.schema.js';

/** The API key, for EventSource clients that cannot set headers. */
const accessToken = z.string().min(1).max(200).optional();

/** GET /v1/topics/{topicId}/stream */
export const TopicStreamQueryFields = z.strictObject({ access_token: accessToken });

/** GET /v1/stream?topics=a,b */
export const StreamQueryFields = z.strictObject({
  access_token: accessToken,
  /** Topic ids, comma separated (at most 20). */
  topics: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(TopicIdSchema).min(1).max(20)),
});
