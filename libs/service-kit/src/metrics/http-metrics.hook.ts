import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MetricsRegistry } from './metrics.registry.js';

/** Route label of requests that matched no route (keeps the label set bounded). */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Records `http_request_duration_seconds` for every response, labelled with the route template
 * (`/articles/:id`, never the raw URL). Call it before `listen()`.
 */
export function installHttpMetrics(app: NestFastifyApplication, metrics: MetricsRegistry): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
