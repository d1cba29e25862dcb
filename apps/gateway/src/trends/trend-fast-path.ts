import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TrendSeries } from '@media-monitor/contracts';
import { API_AUTH_OPTIONS, ApiKeyService, requestPermitted, type ApiAuthOptions } from '@media-monitor/service-runtime';
import { jsonBodyFor } from '../http/encoded-body.js';
import { EntityIdSchema, TopicIdSchema, TrendQuerySchema } from './trend-query.schema.js';
import { TrendAnswers, trendAnswerKey } from './trend-answers.js';

interface TrendRoute {
  kind: TrendSeries['kind'];
  param: string;
  id: z.ZodType<string>;
}

/** The routes of TrendsController whose JSON answers TrendAnswers keeps. */
const ROUTES = new Map<string, TrendRoute>([
  ['/v1/topics/:topicId/trends', { kind: 'topic', param: 'topicId', id: TopicIdSchema }],
  ['/v1/entities/:entityId/trends', { kind: 'entity', param: 'entityId', id: EntityIdSchema }],
]);

/** Cache keys of recent request URLs that name their whole range (`from` and `to`): at most this many. */
const KNOWN_URLS = 1_000;
const keysOfUrls = new Map<string, string | null>();

/**
 * The TrendAnswers key a request would be answered from, or undefined when the route would not
 * answer it with JSON from the cache (an invalid id or query, CSV). A URL with both `from` and
 * `to` always means the same key, so it is parsed once (dashboards poll the same few URLs).
 */
function cacheKeyOf(request: FastifyRequest, route: TrendRoute): string | undefined {
  const known = keysOfUrls.get(request.url);
  if (known !== undefined) return known ?? undefined;
  const id = route.id.safeParse((request.params as Record<string, unknown> | undefined)?.[route.param]);
  const query = TrendQuerySchema.safeParse(request.query ?? {});
  const key =
    id.success && query.success && query.data.format === 'json'
      ? trendAnswerKey({ kind: route.kind, id: id.data }, withoutFormat(query.data))
      : null;
  const raw = request.query as Record<string, unknown> | undefined;
  if (raw?.['from'] !== undefined && raw['to'] !== undefined) {
    if (keysOfUrls.size >= KNOWN_URLS) keysOfUrls.delete(keysOfUrls.keys().next().value ?? '');
    keysOfUrls.set(request.url, key);
  }
  return key ?? undefined;
}

function withoutFormat<Q extends { format: string }>({ format: _format, ...range }: Q): Omit<Q, 'format'> {
  return range;
}

/**
 * Trend answers the gateway holds within their life, sent from a Fastify `preHandler` hook, before
 * Nest's routing, guard, interceptors and validation run for the request (ADR 0015): at 50 clients
 * polling a cached series those took over half of the gateway's CPU per request. `preHandler`
 * runs after every `onRequest` hook, so security headers, CORS, the rate limit, correlation ids and
 * metrics apply as on any route. The hook answers only what the route would answer with 200 from
 * the same cache entry: a valid topic or entity id, a valid query asking for JSON, a key from a
 * header that passes ApiKeyGuard, an answer kept and still within its life. Anything else (errors,
 * CSV, stale or missing answers, keys in the query string) goes on to the route unchanged.
 */
export function registerTrendFastPath(app: NestFastifyApplication): void {
  const answers = app.get(TrendAnswers, { strict: false });
  if (!answers.enabled) return;
  const keys = app.get(ApiKeyService, { strict: false });
  const auth = app.get<ApiAuthOptions>(API_AUTH_OPTIONS, { strict: false });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET') return;
      const route = ROUTES.get(request.routeOptions.url ?? '');
      if (!route) return;
      const key = cacheKeyOf(request, route);
      const kept = key === undefined ? undefined : answers.peek(key);
      if (!kept || !(await requestPermitted(keys, auth, request, auth.defaultScope))) return;
      return reply.send(await jsonBodyFor(request, reply, kept.body));
    });
}
