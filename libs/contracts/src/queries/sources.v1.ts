import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { IsoDateTime, LanguageCode } from '../common.js';

/** Source ids: short slugs (they are the `source.id` of the articles a source brings). */
export const SourceSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 lowercase letters, digits, ".", "_" or "-"');

/**
 * `feed`: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom or JSON Feed; `sitemap`: an XML sitemap, sitemap index
 * or Google News sitemap; `telegram`: a public channel's web preview (`https://t.me/s/<channel>`);
 * `push`: articles arrive through POST /v1/articles or the import (nothing is fetched).
 */
export const SourceType = z.enum(['feed', 'sitemap', 'telegram', 'push']);

export const SourceInputV1 = z
  .strictObject({
    sourceId: SourceSlug,
    type: SourceType,
    name: z.string().min(1).max(300),
    /** What is fetched (not for `push`). */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** The language of the source's articles when a page does not say (else detected). */
    language: LanguageCode.optional(),
    enabled: z.boolean().default(true),
    /**
     * Fetch each new item's page and extract the article from it: `auto` when the feed gives less
     * than a short article (sitemaps always: they carry no text), `always`, or `never`.
     */
    fetchArticles: z.enum(['auto', 'always', 'never']).default('auto'),
    /** Bounds of the adaptive schedule, in seconds (defaults from the service's configuration). */
    minIntervalSeconds: z.number().int().min(10).max(86_400).optional(),
    maxIntervalSeconds: z
      .number()
      .int()
      .min(10)
      .max(7 * 86_400)
      .optional(),
    /** Items (sitemap entries, posts) older than this are not ingested, in hours. */
    maxItemAgeHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(72),
  })
  .superRefine((source, ctx) => {
    if (source.type !== 'push' && !source.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: `a ${source.type} source needs a url` });
    }
    if (
      source.minIntervalSeconds &&
      source.maxIntervalSeconds &&
      source.minIntervalSeconds > source.maxIntervalSeconds
    ) {
      ctx.addIssue({ code: 'custom', path: ['minIntervalSeconds'], message: 'must not exceed maxIntervalSeconds' });
    }
  });

export const SourceHealthStatus = z.enum(['ok', 'degraded', 'failing', 'stale', 'pending', 'disabled']);

export const SourceErrorV1 = z.strictObject({
  /** Stable code, e.g. `fetch.timeout`, `fetch.http_status`, `feed.not_a_feed`, `fetch.robots_disallowed`. */
  code: z.string(),
  message: z.string(),
  at: IsoDateTime,
});

export const SourceHealthV1 = z.strictObject({
  status: SourceHealthStatus,
  /** The status in words: what is wrong, or why it is fine. */
  detail: z.string(),
  lastFetchAt: IsoDateTime.nullable(),
  lastSuccessAt: IsoDateTime.nullable(),
  lastOutcome: z.enum(['ok', 'not_modified', 'error']).nullable(),
  lastHttpStatus: z.number().int().nullable(),
  lastError: SourceErrorV1.nullable(),
  consecutiveFailures: z.number().int().min(0),
  fetches24h: z.number().int().min(0),
  errors24h: z.number().int().min(0),
  /** errors24h / fetches24h, null without fetches. */
  errorRate24h: z.number().min(0).max(1).nullable(),
  /** New articles carried in the last 24 hours, and per day over the last 7 days. */
  items24h: z.number().int().min(0),
  itemsPerDay: z.number().min(0),
  lastItemAt: IsoDateTime.nullable(),
  /** Fetches succeed but nothing new came for much longer than the source's usual gap. */
  stale: z.boolean(),
  nextFetchAt: IsoDateTime.nullable(),
  /** The current adaptive interval between fetches, in seconds. */
  intervalSeconds: z.number().int().min(0).nullable(),
});

export const SourceViewV1 = z.strictObject({
  sourceId: SourceSlug,
  type: SourceType,
  name: z.string(),
  url: z.string().nullable(),
  language: LanguageCode.nullable(),
  enabled: z.boolean(),
  fetchArticles: z.enum(['auto', 'always', 'never']),
  minIntervalSeconds: z.number().int().nullable(),
  maxIntervalSeconds: z.number().int().nullable(),
  maxItemAgeHours: z.number().int(),
  /** `config`: from the sources file (saving it through the API makes it `api`); `api`: created through the API. */
  origin: z.enum(['config', 'api']),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  health: SourceHealthV1,
});

export const FetchRunV1 = z.strictObject({
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  outcome: z.enum(['ok', 'not_modified', 'error']),
  httpStatus: z.number().int().nullable(),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
  /** Items the document listed, new articles stored, items that could not be read. */
  items: z.number().int().min(0),
  newItems: z.number().int().min(0),
  itemErrors: z.array(z.strictObject({ url: z.string(), code: z.string(), message: z.string() })),
  durationMs: z.number().int().min(0),
});

export const SourcesListQueryV1 = defineQuery(
  SUBJECTS.sourcesListQueryV1,
  z.strictObject({}),
  z.strictObject({ sources: z.array(SourceViewV1) }),
);

export const SourceGetQueryV1 = defineQuery(
  SUBJECTS.sourceGetQueryV1,
  z.strictObject({ sourceId: SourceSlug }),
  z.strictObject({ source: SourceViewV1, runs: z.array(FetchRunV1) }),
);

/** Creates or replaces a source; its fetch state (schedule, validators, health) is kept. */
export const SourcesUpsertQueryV1 = defineQuery(
  SUBJECTS.sourcesUpsertQueryV1,
  z.strictObject({ source: SourceInputV1 }),
  z.strictObject({ source: SourceViewV1, created: z.boolean() }),
);

export const SourcesDeleteQueryV1 = defineQuery(
  SUBJECTS.sourcesDeleteQueryV1,
  z.strictObject({ sourceId: SourceSlug }),
  z.strictObject({ deleted: z.boolean() }),
);

/** Schedules a source's next fetch for now. */
export const SourceFetchNowQueryV1 = defineQuery(
  SUBJECTS.sourceFetchNowQueryV1,
  z.strictObject({ sourceId: SourceSlug }),
  z.strictObject({ source: SourceViewV1 }),
);

export type SourceType = z.infer<typeof SourceType>;
export type SourceInputV1 = z.infer<typeof SourceInputV1>;
export type SourceViewV1 = z.infer<typeof SourceViewV1>;
export type SourceHealthV1 = z.infer<typeof SourceHealthV1>;
export type SourceHealthStatus = z.infer<typeof SourceHealthStatus>;
export type FetchRunV1 = z.infer<typeof FetchRunV1>;
