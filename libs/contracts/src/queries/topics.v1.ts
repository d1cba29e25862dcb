import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime, LanguageCode, SourceRef } from '../common.js';
import { TopicEvidence } from '../events/article-entities.v1.js';

/** Topic ids: lower-case slugs (they appear in series keys, URLs and alert rules); `dry-run` is a route. */
export const TopicId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'topic ids are 1-100 lower-case letters, digits and dashes')
  .refine((id) => id !== 'dry-run', 'the topic id "dry-run" is reserved');

/** What decides which articles a topic version matches; changing any of it makes a new version. */
export const TopicDefinitionV1 = z.strictObject({
  /** A query in the topic query language (docs/query-language.md). */
  query: z.string().min(1).max(4000),
  /** Only articles in these languages (ISO 639-1); empty: every language. */
  languages: z.array(LanguageCode).max(20).default([]),
  /** Only articles from these source ids; empty: every source. */
  sourceIds: z.array(z.string().min(1).max(200)).max(500).default([]),
});

const topicFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  ...TopicDefinitionV1.shape,
};

/** POST /v1/topics: a new topic; without `topicId` one is made from the name. */
export const TopicCreateInputV1 = z.strictObject({ topicId: TopicId.optional(), ...topicFields });
/** PUT /v1/topics/{id}: the whole topic; a changed query, language or source list makes a new version. */
export const TopicUpdateInputV1 = z.strictObject(topicFields);

export const BackfillStatus = z.enum(['waiting', 'running', 'completed', 'cancelled', 'failed']);

/** Progress of re-evaluating the stored articles against one topic version. */
export const TopicBackfillV1 = z.strictObject({
  topicId: z.string(),
  version: z.number().int().min(1),
  /** waiting (for the runner), running, completed (the version is active), cancelled (superseded or deleted), failed. */
  status: BackfillStatus,
  /** Stored articles when the backfill started (articles stored later are matched live). */
  total: z.number().int().min(0),
  scanned: z.number().int().min(0),
  matched: z.number().int().min(0),
  /** scanned / total in percent (100 once completed). */
  percent: z.number().min(0).max(100),
  createdAt: IsoDateTime,
  startedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  error: z.string().nullable(),
});

export const TopicVersionState = z.enum(['active', 'backfilling', 'superseded', 'failed']);

export const TopicVersionV1 = z.strictObject({
  version: z.number().int().min(1),
  ...TopicDefinitionV1.shape,
  /** active: counted in queries; backfilling: matched live and being backfilled; superseded; failed. */
  state: TopicVersionState,
  createdAt: IsoDateTime,
  activatedAt: IsoDateTime.nullable(),
});

/** A topic as the API shows it: the latest definition, its versions and the running backfill. */
export const TopicViewV1 = z.strictObject({
  topicId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** The latest version's definition. */
  ...TopicDefinitionV1.shape,
  /** The latest version. */
  version: z.number().int().min(1),
  /** The version queries show (null until the first backfill completes). */
  activeVersion: z.number().int().min(1).nullable(),
  /** Versions live matching evaluates. */
  liveVersions: z.array(z.number().int().min(1)),
  /** The backfill of the latest version (null when it needed none, e.g. a seed topic). */
  backfill: TopicBackfillV1.nullable(),
  /** Every version, newest first. */
  versions: z.array(TopicVersionV1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

export const TopicListQueryV1 = defineQuery(
  SUBJECTS.topicListQueryV1,
  z.strictObject({}),
  z.strictObject({ topics: z.array(TopicViewV1) }),
);

/** One topic; `topic` is null for an unknown or deleted id. */
export const TopicGetQueryV1 = defineQuery(
  SUBJECTS.topicGetQueryV1,
  z.strictObject({ topicId: TopicId }),
  z.strictObject({ topic: TopicViewV1.nullable() }),
);

/** Creates a topic (version 1, backfilled before it is active). Errors: topic.invalid_query, topic.already_exists. */
export const TopicCreateQueryV1 = defineQuery(
  SUBJECTS.topicCreateQueryV1,
  z.strictObject({ topic: TopicCreateInputV1 }),
  z.strictObject({ topic: TopicViewV1 }),
);

/** Replaces a topic; `newVersion` says whether its definition changed. Errors: topic.not_found, topic.invalid_query. */
export const TopicUpdateQueryV1 = defineQuery(
  SUBJECTS.topicUpdateQueryV1,
  z.strictObject({ topicId: TopicId, topic: TopicUpdateInputV1 }),
  z.strictObject({ topic: TopicViewV1, newVersion: z.boolean() }),
);

export const TopicDeleteQueryV1 = defineQuery(
  SUBJECTS.topicDeleteQueryV1,
  z.strictObject({ topicId: TopicId }),
  z.strictObject({ deleted: z.boolean() }),
);

export const TopicDryRunRequestV1 = z.strictObject({
  ...TopicDefinitionV1.shape,
  /** Most recent stored articles to evaluate (the service caps it, ENTITY_DRY_RUN_ARTICLES). */
  articles: z.number().int().min(1).max(1_000_000).optional(),
  /** Matching articles returned with their evidence. */
  samples: z.number().int().min(0).max(100).default(10),
});

export const TopicDryRunSampleV1 = z.strictObject({
  articleId: ArticleId,
  url: z.string(),
  title: z.string(),
  publishedAt: IsoDateTime,
  language: z.string(),
  source: SourceRef,
  matched: z.array(z.string()),
  evidence: z.array(TopicEvidence),
});

/** Evaluates a query over the most recent stored articles without saving anything. Error: topic.invalid_query. */
export const TopicDryRunQueryV1 = defineQuery(
  SUBJECTS.topicDryRunQueryV1,
  TopicDryRunRequestV1,
  z.strictObject({
    /** Articles evaluated, the most recent first. */
    scanned: z.number().int().min(0),
    matched: z.number().int().min(0),
    /**
     * What was evaluated: the `limit` most recent stored articles (fewer when fewer are stored),
     * published between `from` and `to` (null when none was scanned).
     */
    window: z.strictObject({
      limit: z.number().int().min(1),
      from: IsoDateTime.nullable(),
      to: IsoDateTime.nullable(),
    }),
    /** False when the time budget ran out before `limit` articles were evaluated. */
    complete: z.boolean(),
    samples: z.array(TopicDryRunSampleV1),
    tookMs: z.number().int().min(0),
  }),
);

/** The backfills of a topic's versions, newest first. Error: topic.not_found. */
export const TopicBackfillQueryV1 = defineQuery(
  SUBJECTS.topicBackfillQueryV1,
  z.strictObject({ topicId: TopicId }),
  z.strictObject({
    topicId: z.string(),
    activeVersion: z.number().int().min(1).nullable(),
    backfills: z.array(TopicBackfillV1),
  }),
);

export type TopicDefinitionV1 = z.infer<typeof TopicDefinitionV1>;
export type TopicCreateInputV1 = z.infer<typeof TopicCreateInputV1>;
export type TopicUpdateInputV1 = z.infer<typeof TopicUpdateInputV1>;
export type TopicBackfillV1 = z.infer<typeof TopicBackfillV1>;
export type TopicVersionV1 = z.infer<typeof TopicVersionV1>;
export type TopicViewV1 = z.infer<typeof TopicViewV1>;
export type TopicDryRunRequestV1 = z.infer<typeof TopicDryRunRequestV1>;
export type TopicDryRunResponseV1 = z.infer<typeof TopicDryRunQueryV1.response>;
export type TopicDryRunSampleV1 = z.infer<typeof TopicDryRunSampleV1>;
export type BackfillStatus = z.infer<typeof BackfillStatus>;
