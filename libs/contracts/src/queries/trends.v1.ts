import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { IsoDateTime } from '../common.js';

/** Bucket widths: minute buckets for live views, hour and day for history. */
export const TrendInterval = z.enum(['minute', 'hour', 'day']);

/** What a series counts: a topic's articles, an entity's, one source's, or every article. */
export const TrendSeries = z.strictObject({
  kind: z.enum(['topic', 'entity', 'source', 'all']),
  id: z.string().min(1).max(200),
});

/** An IANA time zone such as "Europe/Moscow"; day buckets start at its local midnight. */
export const TimeZone = z.string().min(1).max(64);

/** One reason a bucket may miss articles. */
export const IncompleteReason = z.strictObject({
  /** `outage`: a source could not be collected; `backlog`: articles wait in ingest or the pipeline. */
  kind: z.enum(['outage', 'backlog']),
  /** The source concerned (absent for the pipeline's backlog). */
  sourceId: z.string().optional(),
  from: IsoDateTime,
  to: IsoDateTime,
  detail: z.string(),
});

export const TrendPoint = z.strictObject({
  /** Start of the bucket, UTC. */
  bucketStart: IsoDateTime,
  /** The same instant in the requested time zone, with its offset. */
  localStart: z.string(),
  articles: z.number().int().min(0),
  /** Distinct stories (near-duplicate clusters) among the articles. */
  stories: z.number().int().min(0),
  /** Distinct sources that carried the articles. */
  publishers: z.number().int().min(0),
  toneSum: z.number(),
  toneCount: z.number().int().min(0),
  /** toneSum / toneCount, or null for an empty bucket. */
  toneAvg: z.number().min(-1).max(1).nullable(),
  positive: z.number().int().min(0),
  negative: z.number().int().min(0),
  neutral: z.number().int().min(0),
  /**
   * Articles of the series divided by every article from the same sources in the same bucket
   * (null when the bucket is empty, and for the `source` and `all` series).
   */
  normalisedVolume: z.number().min(0).max(1).nullable(),
  /**
   * The articles counted in this point (invariant 5): a gateway path of the articles read model,
   * e.g. `/v1/articles?topic=bars&topicVersion=2&from=…&to=…`, that lists exactly them.
   */
  articlesUrl: z.string(),
  /** False when collection was not complete over the bucket: a dip may be a gap, not silence. */
  complete: z.boolean(),
  /** Why the bucket may be incomplete (empty when complete). */
  incomplete: z.array(IncompleteReason),
});

const TrendRange = {
  from: IsoDateTime,
  to: IsoDateTime,
  interval: TrendInterval,
  timeZone: TimeZone.default('UTC'),
};

export const SeriesTrendQueryV1 = defineQuery(
  SUBJECTS.seriesTrendQueryV1,
  z.strictObject({ series: TrendSeries, ...TrendRange }),
  z.strictObject({
    series: TrendSeries,
    interval: TrendInterval,
    timeZone: TimeZone,
    from: IsoDateTime,
    to: IsoDateTime,
    /** The topic version read (topic series; the active version), else null. */
    topicVersion: z.number().int().min(1).nullable(),
    /** Things a reader should know, e.g. that a new topic version is being backfilled. */
    notes: z.array(z.string()),
    points: z.array(TrendPoint),
  }),
);

const RankedTerm = z.strictObject({ id: z.string(), articles: z.number().int().min(0) });

/** The entities and sources most present in a series' articles, over whole UTC days. */
export const TopTermsQueryV1 = defineQuery(
  SUBJECTS.topTermsQueryV1,
  z.strictObject({
    series: TrendSeries,
    from: IsoDateTime,
    to: IsoDateTime,
    limit: z.number().int().min(1).max(100).default(10),
  }),
  z.strictObject({
    series: TrendSeries,
    /** The whole UTC days covered, which may extend the requested range. */
    from: IsoDateTime,
    to: IsoDateTime,
    articles: z.number().int().min(0),
    /** Entities mentioned in the series' articles; for an entity series, its co-mentions. */
    entities: z.array(RankedTerm),
    sources: z.array(RankedTerm),
  }),
);

/** Each topic's share of the articles of several topics, bucket by bucket. */
export const ShareOfVoiceQueryV1 = defineQuery(
  SUBJECTS.shareOfVoiceQueryV1,
  z.strictObject({ topicIds: z.array(z.string().min(1).max(100)).min(1).max(20), ...TrendRange }),
  z.strictObject({
    topicIds: z.array(z.string()),
    interval: TrendInterval,
    timeZone: TimeZone,
    from: IsoDateTime,
    to: IsoDateTime,
    points: z.array(
      z.strictObject({
        bucketStart: IsoDateTime,
        localStart: z.string(),
        /** Sum of the topics' articles in the bucket (an article in two topics counts in both). */
        total: z.number().int().min(0),
        /** False when collection was not complete over the bucket (see the topic trends for the reasons). */
        complete: z.boolean(),
        topics: z.array(
          z.strictObject({
            topicId: z.string(),
            articles: z.number().int().min(0),
            share: z.number().min(0).max(1).nullable(),
          }),
        ),
      }),
    ),
  }),
);

export type TrendInterval = z.infer<typeof TrendInterval>;
export type TrendSeries = z.infer<typeof TrendSeries>;
export type TrendPoint = z.infer<typeof TrendPoint>;
export type IncompleteReason = z.infer<typeof IncompleteReason>;
export type SeriesTrendRequestV1 = z.infer<typeof SeriesTrendQueryV1.request>;
export type SeriesTrendResponseV1 = z.infer<typeof SeriesTrendQueryV1.response>;
export type TopTermsRequestV1 = z.infer<typeof TopTermsQueryV1.request>;
export type TopTermsResponseV1 = z.infer<typeof TopTermsQueryV1.response>;
export type ShareOfVoiceRequestV1 = z.infer<typeof ShareOfVoiceQueryV1.request>;
export type ShareOfVoiceResponseV1 = z.infer<typeof ShareOfVoiceQueryV1.response>;
