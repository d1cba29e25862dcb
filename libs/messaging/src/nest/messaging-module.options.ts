import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '@media-monitor/contracts';
import type { ConnectNatsOptions } from '../connection/connect-nats.js';
import type { MessagingMetrics } from '../metrics/messaging.metrics.js';

export interface MessagingModuleOptions {
  nats: ConnectNatsOptions;
  /** An open connection to use instead of connecting with `nats` (shared with the transport); drained on shutdown. */
  connection?: NatsConnection;
  /** Default: Namespace.none (production names). */
  namespace?: Namespace;
  /** Service name written to `x-producer` on published events. */
  producer: string;
  /** Publish attempts, the first included (default 5). */
  maxPublishAttempts?: number;
  /** Default query reply timeout, in milliseconds (default 5000). */
  queryTimeoutMs?: number;
  metrics?: MessagingMetrics;
}

export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...args: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
}
