import { NestFactory } from '@nestjs/core';
import type { CustomStrategy, NestMicroservice } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HealthRegistry } from '../health/health.registry.js';
import { installCorrelation } from '../http/correlation.hook.js';
import { createLogger } from '../logging/logger.factory.js';
import { PinoNestLogger } from '../logging/pino-nest.logger.js';
import { installHttpMetrics } from '../metrics/http-metrics.hook.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import { ServiceRootModule } from './service-root.module.js';
import type { RunningService, ServiceOptions } from './service.types.js';

/**
 * Starts a service in this process without touching process signals (tests, embedding):
 * Nest on Fastify with the pino logger, correlation and metrics hooks, health and metrics
 * endpoints, the optional message transport, then HTTP. Logs one "started" line.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { name, config } = options;
  const logger =
    options.logger ??
    createLogger({ service: name, level: config.LOG_LEVEL, correlationId: options.correlation?.current });
  const nestLogger = new PinoNestLogger(logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceRootModule.wrap(options.module),
    new FastifyAdapter({ logger: false, frameworkErrors: answerFrameworkError }),
    { bufferLogs: true, logger: nestLogger, abortOnError: false },
  );
  app.useLogger(nestLogger);
  const health = app.get(HealthRegistry);
  try {
    const metrics = app.get(MetricsRegistry);
    metrics.setDefaultLabels({ service: name });
    installHttpMetrics(app, metrics);
    installCorrelation(app, { run: options.correlation?.run });
    if (options.globalFilters?.length) app.useGlobalFilters(...options.globalFilters);
    await options.configureHttp?.(app);
    if (options.microservice) {
      // Its own config (HTTP filters do not apply to messages), initialised at listen() so its
      // filters are registered before its handlers are wrapped; module hooks run once, in app.init().
      const microservice = app.connectMicroservice<CustomStrategy>(
        { strategy: options.microservice },
        { inheritAppConfig: false, deferInitialization: true },
      ) as NestMicroservice;
      if (options.microserviceFilters?.length) microservice.useGlobalFilters(...options.microserviceFilters);
      microservice.setIsInitHookCalled(true);
    }
    // Module init hooks (seeding, index creation) run before any consumer starts pulling.
    await app.init();
    if (options.microservice) {
      await app.startAllMicroservices();
    }
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  } catch (error) {
    health.markShuttingDown();
    await app.close().catch(() => undefined);
    throw error;
  }
  const url = urlOf(app, config.HTTP_HOST);
  logger.info({ url, transport: options.microservice ? 'connected' : 'none' }, `${name} started on ${url}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      health.markShuttingDown();
      await app.close();
    })());
  return { app, url, logger, close };
}

/**
 * Errors Fastify's router raises before any route or filter runs (a malformed percent-encoding, a path
 * parameter over the length limit): answered in the API's error shape, without echoing the URL.
 */
function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
  const message = status === 414 ? 'a path parameter is too long' : 'the URL is malformed';
  void reply.status(status).send({ error: { code: `http.${status}`, message } });
}

/** A URL a client on this machine can use: wildcard hosts become the loopback address. */
function urlOf(app: NestFastifyApplication, host: string): string {
  const address = app.getHttpServer().address() as AddressInfo | string | null;
  const port = typeof address === 'object' && address ? address.port : 0;
  const shown =
    host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
