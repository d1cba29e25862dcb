import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ConsumerDefinition, Namespace, StreamDefinition } from '@media-monitor/contracts';

/** Consumer metadata key holding the logical max deliveries that the ConsumerRunner enforces. */
export const MAX_DELIVER_METADATA_KEY = 'media-monitor.max-deliver';

/** The JetStream stream config for a definition: file storage, namespaced name and subjects. */
export function toStreamConfig(namespace: Namespace, definition: StreamDefinition): StreamConfig {
  return {
    name: namespace.stream(definition.name),
    subjects: definition.subjects.map((subject) => namespace.subject(subject)),
    description: definition.description,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(definition.duplicateWindowMs),
    max_age: nanos(definition.maxAgeMs),
    num_replicas: definition.replicas ?? 1,
  } as StreamConfig;
}

/**
 * The durable pull consumer config for a definition. `max_deliver` is left unlimited on the server on
 * purpose: the ConsumerRunner enforces `definition.maxDeliver` itself and dead-letters on the last
 * delivery; a server-side limit would silently drop a message whose final delivery could not be
 * dead-lettered (DLQ publish failed, or the process crashed), which breaks "never lose a message".
 * The logical limit is recorded in the consumer metadata.
 */
export function toConsumerConfig(namespace: Namespace, definition: ConsumerDefinition): Partial<ConsumerConfig> {
  const durable = namespace.durable(definition.durable);
  return {
    durable_name: durable,
    description: definition.description,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    filter_subjects: definition.filterSubjects.map((subject) => namespace.subject(subject)),
    max_deliver: -1,
    ack_wait: nanos(definition.ackWaitMs),
    max_ack_pending: definition.maxAckPending,
    metadata: { [MAX_DELIVER_METADATA_KEY]: String(definition.maxDeliver) },
  };
}
