import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Namespace } from '@media-monitor/contracts';
import { connectNats } from '../connection/connect-nats.js';
import { EventPublisher } from '../publish/event.publisher.js';
import { QueryClient } from '../query/query.client.js';
import type { MessagingModuleAsyncOptions, MessagingModuleOptions } from './messaging-module.options.js';
import { MESSAGING_NAMESPACE, MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens.js';
import { NatsConnectionCloser } from './nats-connection.closer.js';

/**
 * Global module providing NATS_CONNECTION, EventPublisher and QueryClient; the connection is drained
 * on application shutdown.
 */
@Module({})
export class MessagingModule {
  /** Registers the module with options built by `useFactory` (typically from the config module). */
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: NATS_CONNECTION,
          useFactory: (config: MessagingModuleOptions) => config.connection ?? connectNats(config.nats),
          inject: [MESSAGING_OPTIONS],
        },
        {
          provide: MESSAGING_NAMESPACE,
          useFactory: (config: MessagingModuleOptions) => config.namespace ?? Namespace.none,
          inject: [MESSAGING_OPTIONS],
        },
        {
          provide: EventPublisher,
          useFactory: (nc: NatsConnection, config: MessagingModuleOptions, namespace: Namespace) =>
            new EventPublisher(nc, namespace, {
              producer: config.producer,
              maxAttempts: config.maxPublishAttempts,
              metrics: config.metrics,
            }),
          inject: [NATS_CONNECTION, MESSAGING_OPTIONS, MESSAGING_NAMESPACE],
        },
        {
          provide: QueryClient,
          useFactory: (nc: NatsConnection, config: MessagingModuleOptions, namespace: Namespace) =>
            new QueryClient(nc, namespace, { timeoutMs: config.queryTimeoutMs }),
          inject: [NATS_CONNECTION, MESSAGING_OPTIONS, MESSAGING_NAMESPACE],
        },
        NatsConnectionCloser,
      ],
      exports: [NATS_CONNECTION, MESSAGING_OPTIONS, MESSAGING_NAMESPACE, EventPublisher, QueryClient],
    };
  }
}
