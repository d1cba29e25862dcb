import type { DynamicModule, ExceptionFilter, Type } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import type { LogLevel } from '../config/base-service.env.js';
import type { RunWithCorrelation } from '../http/correlation.types.js';

/** The part of the validated environment that starting a service needs. */
export interface ServiceRuntimeConfig {
  HTTP_HOST: string;
  /** 0 picks a free port (tests). */
  HTTP_PORT: number;
  /** Hard limit on a signal-triggered shutdown, in milliseconds. */
  SHUTDOWN_TIMEOUT_MS: number;
  LOG_LEVEL: LogLevel;
}

export interface ServiceOptions {
  /** Service name: the `service` field of every log line and the `service` label of every metric. */
  name: string;
  /** The service's root module; health and metrics are added around it. */
  module: Type<unknown> | DynamicModule;
  config: ServiceRuntimeConfig;
  /** Message transport (e.g. the JetStream server), connected as a hybrid application. */
  microservice?: CustomTransportStrategy;
  /** HTTP exception filters (the microservice has its own: `microserviceFilters`). */
  globalFilters?: ExceptionFilter[];
  /** Applied to the microservice only (e.g. a filter that rethrows errors for the transport to settle). */
  microserviceFilters?: ExceptionFilter[];
  /** Correlation plumbing from the messaging library, without depending on it. */
  correlation?: {
    /** e.g. `runWithCorrelationId`: HTTP requests run inside their correlation context. */
    run?: RunWithCorrelation;
    /** e.g. `currentCorrelationId`: log lines carry `correlationId`. */
    current?: () => string | undefined;
  };
  /** A ready-made logger (tests); by default one is created from `name` and `LOG_LEVEL`. */
  logger?: Logger;
  /** Registers HTTP plugins (security headers, CORS, rate limits, API docs) before the app initialises. */
  configureHttp?: (app: NestFastifyApplication) => Promise<void>;
}

export interface RunningService {
  app: NestFastifyApplication;
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:3001`. */
  url: string;
  logger: Logger;
  /** Marks the service not ready, then closes HTTP, the transport (draining consumers) and modules. Idempotent. */
  close(): Promise<void>;
}
