import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  STREAM_DEFINITIONS,
  defineEvent,
  defineQuery,
  type ConsumerDefinition,
  type Namespace,
  type StreamDefinition,
} from '@media-monitor/contracts';
import type { MessagingLogger } from '../src/logging/messaging-logger.js';

export const ItemCreatedV1 = defineEvent(
  'test.item-created.v1',
  z.strictObject({ id: z.string().min(1), n: z.number().int() }),
);
export const ItemUpdatedV1 = defineEvent(
  'test.item-updated.v1',
  z.strictObject({ id: z.string().min(1), status: z.string() }),
);
export const ItemCountQueryV1 = defineQuery(
  'test-query.item-count.v1', // outside the items stream's subjects: a stream would answer it with a PubAck
  z.strictObject({ prefix: z.string() }),
  z.strictObject({ prefix: z.string(), count: z.number().int().min(0) }),
);

export const ITEMS_STREAM: StreamDefinition = {
  name: 'ITEMS',
  subjects: ['test.>'],
  duplicateWindowMs: 60_000,
  maxAgeMs: 0,
  description: 'test items',
};

/** The topology every consumer test provisions: the items stream and the dead-letter stream. */
export const TEST_STREAMS: StreamDefinition[] = [ITEMS_STREAM, STREAM_DEFINITIONS.deadLetters];

/** A consumer of the items stream with short timings. */
export function itemsConsumer(overrides: Partial<ConsumerDefinition> = {}): ConsumerDefinition {
  return {
    durable: 'items-worker',
    stream: ITEMS_STREAM.name,
    filterSubjects: [ItemCreatedV1.subject],
    maxDeliver: 4,
    ackWaitMs: 2_000,
    maxAckPending: 100,
    description: 'test consumer',
    ...overrides,
  };
}

export interface StoredMessage {
  seq: number;
  subject: string;
  headers: Record<string, string>;
  data: string;
}

/** Every message currently in a stream (by its namespaced name). */
export async function readStream(nc: NatsConnection, stream: string): Promise<StoredMessage[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream);
  const messages: StoredMessage[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const stored = await jsm.streams.getMessage(stream, { seq });
    if (!stored) continue;
    const headers: Record<string, string> = {};
    for (const key of stored.header?.keys() ?? []) headers[key] = stored.header.get(key);
    messages.push({ seq, subject: stored.subject, headers, data: stored.string() });
  }
  return messages;
}

/** The dead letters of a namespace. */
export function readDeadLetters(nc: NatsConnection, namespace: Namespace): Promise<StoredMessage[]> {
  return readStream(nc, namespace.stream(STREAM_DEFINITIONS.deadLetters.name));
}

/** Num pending + num ack pending of a durable consumer. */
export async function consumerBacklog(
  nc: NatsConnection,
  namespace: Namespace,
  definition: ConsumerDefinition,
): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.consumers.info(namespace.stream(definition.stream), namespace.durable(definition.durable));
  return info.num_pending + info.num_ack_pending;
}

export interface CapturedLog {
  level: 'info' | 'warn' | 'error';
  msg?: string;
  obj: Record<string, unknown>;
}

/** A logger that keeps every line, for assertions (and silence). */
export function capturingLogger(): MessagingLogger & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}
