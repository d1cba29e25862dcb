import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamTransport, MessagingMetrics, NATS_CONNECTION } from '@media-monitor/messaging';
import { MongoHealthIndicator } from '@media-monitor/persistence';
import { HealthRegistry, MetricsRegistry } from '@media-monitor/service-kit';

export const RUNTIME_TRANSPORT = Symbol('RuntimeTransport');

/**
 * Readiness of every service (NATS connected, its consumers running, its database answering),
 * and the messaging metrics served by its /metrics endpoint.
 */
@Injectable()
export class RuntimeHealthChecks implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metricsRegistry: MetricsRegistry,
    private readonly messagingMetrics: MessagingMetrics,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Optional() @Inject(RUNTIME_TRANSPORT) private readonly transport?: JetStreamTransport,
    @Optional() private readonly mongo?: MongoHealthIndicator,
  ) {}

  onModuleInit(): void {
    this.metricsRegistry.include(this.messagingMetrics.registry);
    this.health.register('nats', async () =>
      this.nc.isClosed() ? { ok: false, detail: 'connection closed' } : { ok: true, detail: this.nc.getServer() },
    );
    if (this.transport) {
      const transport = this.transport;
      this.health.register('consumers', async () => {
        const { connected, consumers } = transport.health();
        const stopped = consumers.filter((c) => !c.running).map((c) => c.durable);
        if (!connected) return { ok: false, detail: 'NATS disconnected' };
        return stopped.length ? { ok: false, detail: `not running: ${stopped.join(', ')}` } : { ok: true };
      });
    }
    if (this.mongo) {
      const mongo = this.mongo;
      this.health.register('mongo', () => mongo.check());
    }
  }
}
