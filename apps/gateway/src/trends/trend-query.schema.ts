import { z } from 'zod';

const HOUR_MS = 3_600_000;

/** Query string of GET /v1/topics/:topicId/trends; unknown parameters are rejected. */
export const TrendQuerySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    interval: z.enum(['hour']).default('hour'),
  })
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS);
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 24 * HOUR_MS);
    return { interval: q.interval, from: from.toISOString(), to: to.toISOString() };
  });

export const TopicIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'topic ids are lower-case letters, digits and dashes');
