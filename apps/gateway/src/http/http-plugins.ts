import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { API_KEY_PATTERN } from '@media-monitor/service-runtime';
import type { GatewayConfig } from '../gateway.config.js';
import { buildOpenApiDocument } from '../openapi/openapi.document.js';
import { registerDashboard } from './dashboard.plugin.js';

/** Probes and scrapes are not rate limited (the platform calls them, not users). */
const UNLIMITED = /^\/(health|metrics)(\/|$)/;

/** Rate limits count per API key id when one is presented, else per client address. */
function rateLimitKey(request: FastifyRequest): string {
  const header = request.headers['x-api-key'];
  const bearer = request.headers.authorization?.replace(/^Bearer /, '');
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?.['access_token'] === 'string' ? query['access_token'] : undefined;
  const token = typeof header === 'string' ? header : (bearer ?? fromQuery);
  const id = token ? API_KEY_PATTERN.exec(token)?.[1] : undefined;
  return id ? `key:${id}` : `ip:${request.ip}`;
}

/**
 * The gateway's HTTP surface: security headers, CORS for the configured origins only, per-key
 * rate limits, the OpenAPI document with an interactive page at /docs, and the dashboard at /app/.
 */
export async function registerHttpPlugins(
  app: NestFastifyApplication,
  config: GatewayConfig,
  version: string,
): Promise<void> {
  await app.register(helmet, {
    // The API answers JSON and CSV; the docs page sets its own policy (staticCSP below).
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  app.enableCors({
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Correlation-Id'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    allowList: (request) => UNLIMITED.test(request.url),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`), {
        statusCode: context.statusCode,
        code: 'gateway.rate_limited',
      }),
  });
  await app.register(swagger, { mode: 'static', specification: { document: buildOpenApiDocument(version) as never } });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await registerDashboard(app, config.DASHBOARD_DIR);
}
