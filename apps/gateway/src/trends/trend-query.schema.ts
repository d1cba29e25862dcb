import { z } from 'zod';
import type { TrendInterval } from '@media-monitor/contracts';

const INTERVAL_MS: Record<TrendInterval, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** Without `from`, a series covers the last hour of minutes, day of hours or 30 days. */
const DEFAULT_SPAN: Record<TrendInterval, number> = { minute: 60, hour: 24, day: 30 };

const isoDateTime = z.iso.datetime({ offset: true });

/** The range part of a trend query string; unknown parameters are rejected. */
const rangeFields = {
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  interval: z.enum(['minute', 'hour', 'day']).default('hour'),
  /** IANA time zone of the buckets' local labels and of day boundaries. */
  tz: z.string().min(1).max(64).default('UTC'),
  format: z.enum(['json', 'csv']).default('json'),
};

function withDefaults<
  Q extends { from?: string; to?: string; interval: TrendInterval; tz: string; format: 'json' | 'csv' },
>(q: Q) {
  const width = INTERVAL_MS[q.interval];
  const to = q.to ? new Date(q.to) : new Date(Math.ceil(Date.now() / width) * width);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_SPAN[q.interval] * width);
  return { interval: q.interval, timeZone: q.tz, format: q.format, from: from.toISOString(), to: to.toISOString() };
}

/** GET /v1/topics/:id/trends and /v1/entities/:id/trends. */
export const TrendQueryFields = z.strictObject(rangeFields);
export const TrendQuerySchema = TrendQueryFields.transform(withDefaults);

/** GET /v1/share-of-voice?topics=a,b,c */
export const ShareOfVoiceQueryFields = z.strictObject({
  ...rangeFields,
  /** Topic ids, comma separated (at most 20). */
  topics: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'topic ids are lower-case letters, digits and dashes'))
        .min(1)
        .max(20),
    ),
});
export const ShareOfVoiceQuerySchema = ShareOfVoiceQueryFields.transform((q) => ({
  ...withDefaults(q),
  topicIds: q.topics,
}));

/** GET /v1/topics/:id/top and /v1/entities/:id/co-mentions */
export const TopTermsQueryFields = z.strictObject({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const TopTermsQuerySchema = TopTermsQueryFields.transform((q) => {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * INTERVAL_MS.day);
  return { from: from.toISOString(), to: to.toISOString(), limit: q.limit };
});

export const TopicIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'topic ids are lower-case letters, digits and dashes');

/** Entity ids are `<type>:<slug>`, e.g. `unit:bars-kursk`. */
export const EntityIdSchema = z
  .string()
  .regex(
    /^[\p{Ll}\p{N}][\p{Ll}\p{N}:._-]{0,199}$/u,
    'entity ids are lower-case letters, digits, ":", ".", "_" and "-"',
  );
