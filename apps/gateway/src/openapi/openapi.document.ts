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
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourceInputV1,
  SourceSlug,
  SourcesListQueryV1,
  SourcesUpsertQueryV1,
  TopTermsQueryV1,
} from '@media-monitor/contracts';
import {
  AlertIdSchema,
  AlertListQueryFields,
  AlertRuleListQueryFields,
  SlugSchema,
} from '../alerts/alert-request.schema.js';
import { CreateApiKeySchema } from '../auth/api-keys.controller.js';
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
}

const ApiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(['read', 'admin'])),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/topics/{topicId}/trends',
    summary:
      "A topic's volume, unique stories, publishers, tone and normalised volume per bucket; each point lists its articles",
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
      '400': error('invalid request: unknown or malformed parameters (code in the body)'),
      '401': error('missing or invalid API key'),
      '403': error('the key lacks the scope'),
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
        'Trends per topic and entity, share of voice and API keys. Every /v1 route needs an API key ' +
        '(X-API-Key header or Bearer token) with the route’s scope (`x-required-scope`). Errors are ' +
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
