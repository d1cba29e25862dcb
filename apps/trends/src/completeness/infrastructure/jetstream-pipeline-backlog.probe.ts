import { Inject, Injectable, Logger } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CONSUMER_DEFINITIONS, type ConsumerDefinition, type Namespace } from '@media-monitor/contracts';
import { MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import type { PipelineBacklog, PipelineBacklogProbe } from '../application/collection-gap.repository.js';

/** The consumers an article passes before trends counts it. */
const PIPELINE: readonly ConsumerDefinition[] = [
  CONSUMER_DEFINITIONS.entityArticles,
  CONSUMER_DEFINITIONS.sentimentEntities,
  CONSUMER_DEFINITIONS.trendsAnalysis,
];
/** How long one measurement is reused, in milliseconds (every trend query asks). */
const CACHE_MS = 5_000;

/**
 * The pipeline's backlog from JetStream: pending and unacknowledged messages of each consumer,
 * and the stream time of the oldest one not yet acknowledged (the message after the ack floor).
 */
@Injectable()
export class JetStreamPipelineBacklogProbe implements PipelineBacklogProbe {
  private readonly logger = new Logger(JetStreamPipelineBacklogProbe.name);
  private jsm: Promise<JetStreamManager> | undefined;
  private cached: { until: number; value: Promise<PipelineBacklog | undefined> } | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_NAMESPACE) private readonly namespace: Namespace,
  ) {}

  current(): Promise<PipelineBacklog | undefined> {
    const now = Date.now();
    if (this.cached && this.cached.until > now) return this.cached.value;
    const value = this.measure().catch((error: Error) => {
      this.logger.warn(`pipeline backlog not measured: ${error.message}`);
      return undefined;
    });
    this.cached = { until: now + CACHE_MS, value };
    return value;
  }

  private async measure(): Promise<PipelineBacklog | undefined> {
    this.jsm ??= jetstreamManager(this.nc);
    const jsm = await this.jsm;
    let pending = 0;
    let oldest: Date | undefined;
    const parts: string[] = [];
    for (const consumer of PIPELINE) {
      const stream = this.namespace.stream(consumer.stream);
      const info = await jsm.consumers.info(stream, this.namespace.durable(consumer.durable)).catch(() => undefined);
      if (!info) continue;
      const waiting = info.num_pending + info.num_ack_pending;
      if (waiting === 0) continue;
      pending += waiting;
      parts.push(`${consumer.durable}: ${waiting}`);
      const message = await jsm.streams
        .getMessage(stream, { seq: info.ack_floor.stream_seq + 1 })
        .catch(() => undefined);
      const at = message?.time;
      if (at && (!oldest || at < oldest)) oldest = at;
    }
    if (pending === 0) return undefined;
    return {
      pending,
      oldest: oldest ?? new Date(Date.now() - 60_000),
      detail: `${pending} message(s) wait in the analysis pipeline (${parts.join(', ')})`,
    };
  }
}
