import { HEADERS } from '@media-monitor/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { correlationIdFrom } from './correlation-id.js';
import { CorrelationInterceptor } from './correlation.interceptor.js';
import type { CorrelationOptions } from './correlation.types.js';

/**
 * Gives every HTTP request a correlation id: the caller's `x-correlation-id` when acceptable,
 * otherwise a new UUID. The id is written back to the request headers, echoed in the response
 * (also on 404s and errors) and, with `run`, the request runs inside that correlation context.
 * Call it before `listen()`.
 */
export function installCorrelation(app: NestFastifyApplication, options: CorrelationOptions = {}): void {
  const header = (options.header ?? HEADERS.correlationId).toLowerCase();
  const run = options.run;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const id = correlationIdFrom(request.headers[header]);
    request.headers[header] = id;
    reply.header(header, id);
    if (run) run(id, () => done());
    else done();
  });
  if (run) app.useGlobalInterceptors(new CorrelationInterceptor(run, header));
}
