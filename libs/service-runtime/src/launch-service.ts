import 'reflect-metadata';
import { Module, type DynamicModule, type ExceptionFilter, type Provider, type Type } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { Namespace, STREAM_DEFINITIONS, type EventContract, type QueryContract } from '@media-monitor/contracts';
import {
  JetStreamExceptionFilter,
  JetStreamTransport,
  MessagingMetrics,
  MessagingModule,
  connectNats,
  currentCorrelationId,
  runWithCorrelationId,
  type JetStreamConsumerBinding,
} from '@media-monitor/messaging';
import { PersistenceModule } from '@media-monitor/persistence';
import { bootstrapService, loadConfig, startService, type RunningService } from '@media-monitor/service-kit';
import { RUNTIME_TRANSPORT, RuntimeHealthChecks } from './runtime-health.checks.js';
import { environmentOf } from './environment.config.js';
import { serviceEnv, type ServiceEnv } from './service.env.js';

export interface LaunchOptions {
  /** Service name: logs, metrics, `x-producer`, default database `media_<name>`. */
  name: string;
  defaultHttpPort: number;
  /** The service's feature module; it receives the validated config. */
  module: (config: ServiceEnv, env: NodeJS.ProcessEnv) => Type<unknown> | DynamicModule;
  /** Durable consumers whose `@EventPattern` handlers this service provides. */
  consumers?: Array<Omit<JetStreamConsumerBinding, 'concurrency'> & { concurrency?: number }>;
  /** Contracts of every event the consumers receive. */
  events?: EventContract[];
  /** Queries this service answers with `@MessagePattern` handlers, in its queue group. */
  queries?: QueryContract[];
  queueGroup?: string;
  /** False for services that own no data (the gateway). */
  database?: boolean;
  /** HTTP exception filters (the gateway's error mapping). */
  httpFilters?: ExceptionFilter[];
  /** HTTP plugins of a public-facing service; receives the environment the config was read from. */
  configureHttp?: (app: NestFastifyApplication, env: NodeJS.ProcessEnv) => Promise<void>;
  /** Environment to read instead of process.env (tests). */
  env?: NodeJS.ProcessEnv;
}

function runtimeModule(
  options: LaunchOptions,
  config: ServiceEnv,
  nc: NatsConnection,
  metrics: MessagingMetrics,
  transport?: JetStreamTransport,
): DynamicModule {
  const namespace = new Namespace(config.NATS_NAMESPACE);
  const providers: Provider[] = [RuntimeHealthChecks, { provide: MessagingMetrics, useValue: metrics }];
  if (transport) providers.push({ provide: RUNTIME_TRANSPORT, useValue: transport });
  @Module({})
  class RuntimeModule {}
  return {
    module: RuntimeModule,
    imports: [
      MessagingModule.forRootAsync({
        useFactory: () => ({
          connection: nc,
          nats: { servers: config.NATS_URL, name: options.name },
          namespace,
          producer: options.name,
          metrics,
        }),
      }),
      ...(options.database === false
        ? []
        : [
            PersistenceModule.forRootAsync({
              useFactory: () => ({
                uri: config.MONGO_URL,
                dbName: config.MONGO_DB,
                appName: options.name,
                maxPoolSize: config.MONGO_MAX_POOL_SIZE,
              }),
            }),
          ]),
      options.module(config, environmentOf(options.env)),
    ],
    providers,
  };
}

async function prepare(options: LaunchOptions) {
  const config = loadConfig(serviceEnv(options.name, options.defaultHttpPort), options.env);
  const namespace = new Namespace(config.NATS_NAMESPACE);
  const nc = await connectNats({
    servers: config.NATS_URL,
    name: options.name,
    user: config.NATS_USER,
    pass: config.NATS_PASSWORD,
    token: config.NATS_TOKEN,
  });
  // Messaging metrics live in their own registry, served by /metrics beside the HTTP ones.
  const metrics = new MessagingMetrics(new Registry());
  const transport =
    options.consumers?.length || options.queries?.length
      ? new JetStreamTransport({
          nc,
          namespace,
          consumers: (options.consumers ?? []).map((c) => ({
            ...c,
            concurrency: c.concurrency ?? config.CONSUMER_CONCURRENCY,
          })),
          events: options.events ?? [],
          queries: options.queries,
          queueGroup: options.queueGroup,
          provision: {
            streams: Object.values(STREAM_DEFINITIONS).map((stream) => ({
              ...stream,
              replicas: config.NATS_STREAM_REPLICAS,
            })),
          },
          drainTimeoutMs: config.DRAIN_TIMEOUT_MS,
          metrics,
        })
      : undefined;
  const configureHttp = options.configureHttp;
  return {
    config,
    serviceOptions: {
      name: options.name,
      module: runtimeModule(options, config, nc, metrics, transport),
      config,
      microservice: transport,
      globalFilters: options.httpFilters,
      configureHttp: configureHttp && ((app: NestFastifyApplication) => configureHttp(app, environmentOf(options.env))),
      microserviceFilters: [new JetStreamExceptionFilter()],
      correlation: { run: runWithCorrelationId, current: currentCorrelationId },
    },
  };
}

/** Starts a service as a process: validated config, NATS, store, consumers, HTTP, signal handling. */
export async function launchService(options: LaunchOptions): Promise<RunningService> {
  const { serviceOptions } = await prepare(options);
  return bootstrapService(serviceOptions);
}

/** Starts a service inside this process without signal handlers (integration tests). */
export async function startServiceInProcess(options: LaunchOptions): Promise<RunningService & { config: ServiceEnv }> {
  const { config, serviceOptions } = await prepare(options);
  return { ...(await startService(serviceOptions)), config };
}
