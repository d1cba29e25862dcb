import { z } from 'zod';
import {
  AlertDeliveriesQueryV1,
  AlertDestinationInputV1,
  AlertDestinationsListQueryV1,
  AlertDestinationsUpsertQueryV1,
  AlertListQueryV1,
  AlertRuleV1,
  AlertRulesListQueryV1,
  AlertRulesUpsertQueryV1,
  AlertTestSendQueryV1,
  DeadLetterPage,
  DeadLetterReplayOutcome,
  ArticleGetQueryV1,
  ArticleListQueryV1,
  EntityAliasAddQueryV1,
  EntityAliasRemoveQueryV1,
  EntityAliasV1,
  EntityListQueryV1,
  EntityUpsertQueryV1,
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourceInputV1,
  SourceSlug,
  SourcesListQueryV1,
  SourcesUpsertQueryV1,
  TopTermsQueryV1,
  TopicBackfillQueryV1,
  TopicDryRunQueryV1,
  TopicListQueryV1,
  TopicUpdateQueryV1,
  TopicViewV1,
} from '@media-monitor/contracts';
import {
  AlertIdSchema,
  AlertListQueryFields,
  AlertRuleListQueryFields,
  SlugSchema,
} from '../alerts/alert-request.schema.js';
import { ArticleIdSchema, ArticleListQueryFields } from '../articles/article-query.schema.js';
import { DeadLetterListQueryFields, DeadLetterSeq } from '../dead-letters/dead-letter-request.schema.js';
import { CreateApiKeySchema } from '../auth/api-keys.controller.js';
import { API_SCOPES, type ApiScope } from '@media-monitor/service-runtime';
import { EntitySummary, EntitySummaryQueryFields } from '../entities/entity-summary.schema.js';
import { StreamQueryFields, TopicStreamQueryFields } from '../stream/stream-query.schema.js';
import {
  AliasPathText,
  AliasPostBody,
  EntityListQueryFields,
  EntityPutBody,
  RegistryPathId,
} from '../registry/registry-request.schema.js';
import { TopicCreateBody, TopicDryRunBody, TopicPathId, TopicUpdateBody } from '../topics/topic-request.schema.js';
import {
  EntityIdSchema,
  ShareOfVoiceQueryFields,
  TopTermsQueryFields,
  TopicIdSchema,
  TrendQueryFields,
} from '../trends/trend-query.schema.js';

type JsonSchema = Record<string, unknown>;

/** One documented route; the gateway's route test checks this list against the routes it serves. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/v1/topics/{topicId}/trends`. */
  path: string;
  summary: string;
  scope: 'read' | 'admin';
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status and schema of the success answer (undefined: no body). */
  success: { status: number; schema?: z.ZodType };
  /** The route also answers `format=csv`. */
  csv?: boolean;
  /** The route answers a Server-Sent Events stream (and accepts `access_token`). */
  sse?: boolean;
  /** Further error statuses the route answers, with what they mean. */
  errors?: Record<number, string>;
}

const ApiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]])),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/topics/{topicId}/trends',
    summary:
      "A topic's (active version's) volume, unique stories, publishers, tone and normalised volume per bucket; " +
      'each point says whether collection was complete and links to exactly its articles',
    scope: 'read',
    params: { topicId: TopicIdSchema },
    query: TrendQueryFields,
    success: { status: 200, schema: SeriesTrendQueryV1.response },
    csv: true,
  },
  {
    method: 'get',
    path: '/v1/topics/{topicId}/top',
    summary: 'The entities and sources most present in a topic’s articles (whole UTC days)',
    scope: 'read',
    params: { topicId: TopicIdSchema },
    query: TopTermsQueryFields,
    success: { status: 200, schema: TopTermsQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/entities/{entityId}/trends',
    summary: 'The same series for one canonical entity, across its aliases and scripts',
    scope: 'read',
    params: { entityId: EntityIdSchema },
    query: TrendQueryFields,
    success: { status: 200, schema: SeriesTrendQueryV1.response },
    csv: true,
  },
  {
    method: 'get',
    path: '/v1/entities/{entityId}/co-mentions',
    summary: 'The entities mentioned together with an entity, and the sources that carried it',
    scope: 'read',
    params: { entityId: EntityIdSchema },
    query: TopTermsQueryFields,
    success: { status: 200, schema: TopTermsQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/topics/{topicId}/stream',
    summary:
      'Server-Sent Events of the topic’s new analysed articles (`event: article`) and alerts (`event: alert`), ' +
      'with heartbeats; `Last-Event-ID` resumes after the last event; the key may come as `access_token`',
    scope: 'read',
    params: { topicId: TopicIdSchema },
    query: TopicStreamQueryFields,
    success: { status: 200 },
    sse: true,
  },
  {
    method: 'get',
    path: '/v1/stream',
    summary: 'The same Server-Sent Events for several topics (`topics=a,b`)',
    scope: 'read',
    query: StreamQueryFields,
    success: { status: 200 },
    sse: true,
  },
  {
    method: 'get',
    path: '/v1/articles',
    summary:
      'Analysed articles newest first (publishedAt, then id), filtered by topic (version), entity, source, ' +
      'language, tone and time; keyset cursor pagination with no depth limit. Trend points link here',
    scope: 'read',
    query: ArticleListQueryFields,
    success: { status: 200, schema: ArticleListQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/articles/{articleId}',
    summary:
      'One analysed article with its evidence: matched query terms with offsets, entity mentions with the tone ' +
      'towards the entity and its sentence',
    scope: 'read',
    params: { articleId: ArticleIdSchema },
    success: { status: 200, schema: ArticleGetQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/entities/{entityId}',
    summary:
      'One canonical entity: name, type and aliases (entity registry), trend, tone towards it, co-mentions, ' +
      'sources and sample articles with evidence',
    scope: 'read',
    params: { entityId: EntityIdSchema },
    query: EntitySummaryQueryFields,
    success: { status: 200, schema: EntitySummary },
  },
  {
    method: 'get',
    path: '/v1/share-of-voice',
    summary: 'Each topic’s share of the coverage of several topics, bucket by bucket',
    scope: 'read',
    query: ShareOfVoiceQueryFields,
    success: { status: 200, schema: ShareOfVoiceQueryV1.response },
    csv: true,
  },
  {
    method: 'get',
    path: '/v1/alerts',
    summary: 'Recent alerts, newest first, each with its explanation and the state of its deliveries',
    scope: 'read',
    query: AlertListQueryFields,
    success: { status: 200, schema: AlertListQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/alerts/{alertId}/deliveries',
    summary: 'Every delivery of an alert with its attempt log',
    scope: 'read',
    params: { alertId: AlertIdSchema },
    success: { status: 200, schema: AlertDeliveriesQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/alert-rules',
    summary: 'Alert rules (instant match, volume spike and drop, tone shift, new entity)',
    scope: 'read',
    query: AlertRuleListQueryFields,
    success: { status: 200, schema: AlertRulesListQueryV1.response },
  },
  {
    method: 'put',
    path: '/v1/alert-rules/{ruleId}',
    summary: 'Create or replace an alert rule (the id in the path wins)',
    scope: 'admin',
    params: { ruleId: SlugSchema },
    body: AlertRuleV1,
    success: { status: 200, schema: AlertRulesUpsertQueryV1.response },
  },
  {
    method: 'delete',
    path: '/v1/alert-rules/{ruleId}',
    summary: 'Delete an alert rule',
    scope: 'admin',
    params: { ruleId: SlugSchema },
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/v1/alert-destinations',
    summary: 'Slack and webhook destinations with their state (broken, paused, pending); URLs masked',
    scope: 'admin',
    success: { status: 200, schema: AlertDestinationsListQueryV1.response },
  },
  {
    method: 'put',
    path: '/v1/alert-destinations/{destinationId}',
    summary: 'Create or replace a destination; saving a broken one makes it active again',
    scope: 'admin',
    params: { destinationId: SlugSchema },
    body: AlertDestinationInputV1,
    success: { status: 200, schema: AlertDestinationsUpsertQueryV1.response },
  },
  {
    method: 'delete',
    path: '/v1/alert-destinations/{destinationId}',
    summary: 'Delete a destination (its pending deliveries are marked failed)',
    scope: 'admin',
    params: { destinationId: SlugSchema },
    success: { status: 204 },
  },
  {
    method: 'post',
    path: '/v1/alert-destinations/{destinationId}/test',
    summary: 'Send a sample alert to the destination now and report the outcome',
    scope: 'admin',
    params: { destinationId: SlugSchema },
    success: { status: 200, schema: AlertTestSendQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/topics',
    summary: 'Topics with their latest definition, active and live versions and running backfill',
    scope: 'read',
    success: { status: 200, schema: TopicListQueryV1.response },
  },
  {
    method: 'post',
    path: '/v1/topics',
    summary:
      'Create a topic (version 1): matched live at once, backfilled over the stored articles, active when the backfill completes',
    scope: 'admin',
    body: TopicCreateBody,
    success: { status: 201, schema: TopicViewV1 },
    errors: {
      400: 'topic.invalid_query: the query does not parse (`position`, `token`, `queryCode` in the error)',
      409: 'topic.already_exists',
    },
  },
  {
    method: 'post',
    path: '/v1/topics/dry-run',
    summary:
      'Count and sample the matches of a query over the most recent stored articles (window stated in the answer), saving nothing',
    scope: 'read',
    body: TopicDryRunBody,
    success: { status: 200, schema: TopicDryRunQueryV1.response },
    errors: { 400: 'topic.invalid_query: the query does not parse (`position`, `token`, `queryCode` in the error)' },
  },
  {
    method: 'get',
    path: '/v1/topics/{topicId}',
    summary: 'A topic with every version, its state and the backfill of the latest',
    scope: 'read',
    params: { topicId: TopicPathId },
    success: { status: 200, schema: TopicViewV1 },
    errors: { 404: 'topic.not_found' },
  },
  {
    method: 'put',
    path: '/v1/topics/{topicId}',
    summary:
      'Replace a topic; a changed query, language or source list makes a new version (the previous stays active until its backfill completes)',
    scope: 'admin',
    params: { topicId: TopicPathId },
    body: TopicUpdateBody,
    success: { status: 200, schema: TopicUpdateQueryV1.response },
    errors: { 400: 'topic.invalid_query (with `position`)', 404: 'topic.not_found', 409: 'topic.concurrent_update' },
  },
  {
    method: 'delete',
    path: '/v1/topics/{topicId}',
    summary: 'Delete a topic: live matching stops and its backfill is cancelled',
    scope: 'admin',
    params: { topicId: TopicPathId },
    success: { status: 204 },
    errors: { 404: 'topic.not_found' },
  },
  {
    method: 'get',
    path: '/v1/topics/{topicId}/backfill',
    summary: 'Backfill progress of each version of a topic (scanned, total, matched), newest first',
    scope: 'read',
    params: { topicId: TopicPathId },
    success: { status: 200, schema: TopicBackfillQueryV1.response },
    errors: { 404: 'topic.not_found' },
  },
  {
    method: 'get',
    path: '/v1/entities',
    summary: 'Alias registry: canonical entities in id order, searched by a word prefix of their name or aliases',
    scope: 'read',
    query: EntityListQueryFields,
    success: { status: 200, schema: EntityListQueryV1.response },
  },
  {
    method: 'put',
    path: '/v1/entities/{entityId}',
    summary:
      'Create or replace a canonical entity with every alias it goes by; new articles use it within seconds on every replica',
    scope: 'admin',
    params: { entityId: RegistryPathId },
    body: EntityPutBody,
    success: { status: 200, schema: EntityUpsertQueryV1.response },
    errors: {
      400: 'entity.invalid (id prefix and type disagree, an alias without a word)',
      409: 'entity.alias_conflict: an alias already names another entity of the type (`conflicts` in the error)',
    },
  },
  {
    method: 'delete',
    path: '/v1/entities/{entityId}',
    summary: 'Delete a canonical entity from the registry',
    scope: 'admin',
    params: { entityId: RegistryPathId },
    success: { status: 204 },
    errors: { 404: 'entity.not_found', 409: 'entity.in_use: a live topic version names it with entity: (`topics`)' },
  },
  {
    method: 'get',
    path: '/v1/entities/{entityId}/aliases',
    summary: 'The aliases of a registry entity with their language, script and case rule',
    scope: 'read',
    params: { entityId: RegistryPathId },
    success: { status: 200, schema: z.object({ entityId: z.string(), aliases: z.array(EntityAliasV1) }) },
    errors: { 404: 'entity.not_found' },
  },
  {
    method: 'post',
    path: '/v1/entities/{entityId}/aliases',
    summary: 'Add an alias (201; 200 when the entity has that spelling already)',
    scope: 'admin',
    params: { entityId: RegistryPathId },
    body: AliasPostBody,
    success: { status: 201, schema: EntityAliasAddQueryV1.response },
    errors: { 404: 'entity.not_found', 409: 'entity.alias_conflict (`conflicts` in the error)' },
  },
  {
    method: 'delete',
    path: '/v1/entities/{entityId}/aliases/{alias}',
    summary: 'Remove an alias (the spelling URL-encoded); answers the entity with the aliases left',
    scope: 'admin',
    params: { entityId: RegistryPathId, alias: AliasPathText },
    success: { status: 200, schema: EntityAliasRemoveQueryV1.response },
    errors: { 404: 'entity.not_found, entity.alias_not_found', 409: 'entity.last_alias' },
  },
  {
    method: 'get',
    path: '/v1/sources',
    summary:
      'Sources (feeds, sitemaps, Telegram channels, push) with their health: last fetch, status, error rate, items per day, staleness',
    scope: 'read',
    success: { status: 200, schema: SourcesListQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/sources/{sourceId}',
    summary: 'One source with its health and its last fetches',
    scope: 'read',
    params: { sourceId: SourceSlug },
    success: { status: 200, schema: SourceGetQueryV1.response },
  },
  {
    method: 'put',
    path: '/v1/sources/{sourceId}',
    summary: 'Create or replace a source (the id in the path wins); its schedule and health are kept',
    scope: 'admin',
    params: { sourceId: SourceSlug },
    body: SourceInputV1,
    success: { status: 200, schema: SourcesUpsertQueryV1.response },
  },
  {
    method: 'delete',
    path: '/v1/sources/{sourceId}',
    summary: 'Delete a source (its articles stay)',
    scope: 'admin',
    params: { sourceId: SourceSlug },
    success: { status: 204 },
  },
  {
    method: 'post',
    path: '/v1/sources/{sourceId}/fetch',
    summary: 'Fetch the source as soon as possible',
    scope: 'admin',
    params: { sourceId: SourceSlug },
    success: { status: 202, schema: SourceFetchNowQueryV1.response },
  },
  {
    method: 'get',
    path: '/v1/dead-letters',
    summary:
      'Messages a consumer gave up on (DEAD_LETTERS stream), oldest first, with consumer, subject, reason, code, ' +
      'delivery count and a payload preview; page with `cursor` = the previous `nextCursor`',
    scope: 'read',
    query: DeadLetterListQueryFields,
    success: { status: 200, schema: DeadLetterPage },
  },
  {
    method: 'post',
    path: '/v1/dead-letters/{seq}/replay',
    summary:
      'Republish the original message with its original headers to its original subject (msg id `replay:<seq>`: ' +
      'a second replay is de-duplicated); logged with the key id',
    scope: 'admin',
    params: { seq: DeadLetterSeq },
    success: { status: 200, schema: DeadLetterReplayOutcome },
    errors: { 404: 'deadletter.not_found', 409: 'deadletter.not_replayable' },
  },
  {
    method: 'delete',
    path: '/v1/dead-letters/{seq}',
    summary: 'Purge a dead letter (deleted from the stream); logged with the key id',
    scope: 'admin',
    params: { seq: DeadLetterSeq },
    success: { status: 204 },
    errors: { 404: 'deadletter.not_found' },
  },
  {
    method: 'post',
    path: '/v1/api-keys',
    summary: 'Create an API key; the key is in the answer once and only its hash is stored',
    scope: 'admin',
    body: CreateApiKeySchema,
    success: { status: 201, schema: z.object({ key: ApiKeySummary, token: z.string() }) },
  },
  {
    method: 'get',
    path: '/v1/api-keys',
    summary: 'List API keys (never their secrets)',
    scope: 'admin',
    success: { status: 200, schema: z.object({ keys: z.array(ApiKeySummary) }) },
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    summary: 'Revoke an API key (refused everywhere within 30 s)',
    scope: 'admin',
    params: { id: z.string().regex(/^[0-9a-f]{12}$/) },
    success: { status: 204 },
  },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ErrorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['trends.invalid_range'] },
        message: { type: 'string' },
        issues: { type: 'array', items: { type: 'object' } },
        position: { type: 'integer', description: 'topic.invalid_query: 0-based offset of the offending token' },
        token: { type: 'string', description: 'topic.invalid_query: the offending token (empty at the end)' },
        queryCode: { type: 'string', description: 'topic.invalid_query: the query language code, e.g. query.syntax' },
        conflicts: {
          type: 'array',
          items: { type: 'object' },
          description: 'entity.alias_conflict: alias and entityId',
        },
      },
    },
  },
};

function operation(route: RouteDoc): JsonSchema {
  const parameters: JsonSchema[] = Object.entries(route.params ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: jsonSchema(schema, 'input'),
  }));
  if (route.query) {
    const query = jsonSchema(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  const content: JsonSchema = {};
  if (route.success.schema) content['application/json'] = { schema: jsonSchema(route.success.schema, 'output') };
  if (route.csv) content['text/csv'] = { schema: { type: 'string' } };
  if (route.sse) content['text/event-stream'] = { schema: { type: 'string' } };
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });
  return {
    summary: route.summary,
    security: [{ apiKey: [] }, { bearer: [] }],
    'x-required-scope': route.scope,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : {}),
    responses: {
      [String(route.success.status)]: {
        description: 'success',
        ...(Object.keys(content).length ? { content } : {}),
      },
      '400': error(
        ['invalid request: unknown or malformed parameters (code in the body)', route.errors?.[400]]
          .filter(Boolean)
          .join('; '),
      ),
      '401': error('missing or invalid API key'),
      '403': error('the key lacks the scope'),
      ...Object.fromEntries(
        Object.entries(route.errors ?? {})
          .filter(([status]) => status !== '400')
          .map(([status, description]) => [status, error(description)]),
      ),
      '429': error('rate limit exceeded'),
      '503': error('the owning service is not reachable'),
      '504': error('the owning service did not answer in time'),
    },
  };
}

/** The OpenAPI 3.1 document of the gateway, built from the same schemas that validate requests. */
export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Media-coverage monitor API',
      version,
      description:
        'Trends per topic and entity, share of voice, the analysed articles behind every number, live ' +
        'streams, alerts and API keys. Every /v1 route needs an API key (X-API-Key header or Bearer token; ' +
        'the Server-Sent Events routes also take `access_token`) with the route’s scope ' +
        '(`x-required-scope`; `admin` includes every scope). Keys with the `ingest` scope push articles to ' +
        'the ingest service (`POST /v1/articles` there, not part of this API). Errors are ' +
        '`{ "error": { "code", "message" } }` and never carry stack traces.',
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
