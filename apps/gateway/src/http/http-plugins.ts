import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerApiHardening } from '@media-monitor/service-runtime';
import type { GatewayConfig } from '../gateway.config.js';
import { buildOpenApiDocument } from '../openapi/openapi.document.js';
import { registerTrendFastPath } from '../trends/trend-fast-path.js';
import { registerDashboard } from './dashboard.plugin.js';

/**
 * The gateway's HTTP surface: security headers, CORS for the configured origins only, per-key
 * rate limits (shared with ingest's push API), cached trend answers ahead of Nest's pipeline, the OpenAPI document with an interactive page at
 * /docs, and the dashboard at /app/.
 */
export async function registerHttpPlugins(
  app: NestFastifyApplication,
  config: GatewayConfig,
  version: string,
): Promise<void> {
  // The API answers JSON and CSV; the docs page sets its own policy (staticCSP below).
  await registerApiHardening(app, {
    corsOrigins: config.CORS_ORIGINS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    rateLimitedCode: 'gateway.rate_limited',
  });
  registerTrendFastPath(app);
  await app.register(swagger, { mode: 'static', specification: { document: buildOpenApiDocument(version) as never } });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await registerDashboard(app, config.DASHBOARD_DIR);
}
