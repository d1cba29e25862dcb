import { z } from 'zod';
import {
  ArticleDetail,
  EntityGetQueryV1,
  SeriesTrendQueryV1,
  TopTermsQueryV1,
  type TrendInterval,
} from '@media-monitor/contracts';

const isoDateTime = z.iso.datetime({ offset: true });
const INTERVAL_MS: Record<TrendInterval, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** GET /v1/entities/{entityId}: the range and grain of its trend, and how many sample articles. */
export const EntitySummaryQueryFields = z.strictObject({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  interval: z.enum(['hour', 'day']).default('day'),
  tz: z.string().min(1).max(64).default('UTC'),
  samples: z.coerce.number().int().min(0).max(20).default(5),
});

/** Without `from`, the last 30 days (day) or 48 hours (hour). */
export const EntitySummaryQuerySchema = EntitySummaryQueryFields.transform((q) => {
  const width = INTERVAL_MS[q.interval];
  const to = q.to ? new Date(q.to) : new Date(Math.ceil(Date.now() / width) * width);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - (q.interval === 'day' ? 30 : 48) * width);
  return { interval: q.interval, timeZone: q.tz, from: from.toISOString(), to: to.toISOString(), samples: q.samples };
});

/** The answer of GET /v1/entities/{entityId}. */
export const EntitySummary = z.strictObject({
  entityId: z.string(),
  /** Name, type and aliases from the entity service's registry; null when it does not know the id or is unreachable. */
  entity: EntityGetQueryV1.response.nullable(),
  /** `ok`; `unknown` (the registry has no such entity: a name the model found); `unavailable` (no answer). */
  registry: z.enum(['ok', 'unknown', 'unavailable']),
  trend: SeriesTrendQueryV1.response,
  /** The tone towards the entity over the range: mean of the per-article entity tones, and the label counts. */
  tone: z.strictObject({
    articles: z.number().int().min(0),
    average: z.number().min(-1).max(1).nullable(),
    positive: z.number().int().min(0),
    negative: z.number().int().min(0),
    neutral: z.number().int().min(0),
  }),
  /** Entities mentioned together with it, and the sources that carried it (whole UTC days). */
  coMentions: TopTermsQueryV1.response.shape.entities,
  sources: TopTermsQueryV1.response.shape.sources,
  /** The newest articles that mention it, each with its evidence (mentions, tone and sentence). */
  samples: z.array(ArticleDetail),
});
export type EntitySummary = z.infer<typeof EntitySummary>;
