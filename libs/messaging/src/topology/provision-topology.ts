import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ConsumerDefinition, Namespace, StreamDefinition } from '@media-monitor/contracts';
import { MessagingError } from '../errors/messaging.errors.js';
import { toConsumerConfig, toStreamConfig } from './topology-config.js';

/** JetStream API error codes this module reacts to. */
const STREAM_NAME_IN_USE = 10058;
const STREAM_NOT_FOUND = 10059;
const CONSUMER_ALREADY_EXISTS = 10148;

/**
 * Creates or updates every stream, then every durable pull consumer. Idempotent, and safe when several
 * replicas run it at the same time: an "already exists" race is resolved by updating to the same config.
 */
export async function provisionTopology(
  nc: NatsConnection,
  namespace: Namespace,
  streams: readonly StreamDefinition[],
  consumers: readonly ConsumerDefinition[],
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const stream of streams) await ensureStream(jsm, namespace, stream);
  for (const consumer of consumers) await ensureConsumer(jsm, namespace, consumer);
}

/** Creates the stream, or updates it when it exists with another config. */
export async function ensureStream(
  jsm: JetStreamManager,
  namespace: Namespace,
  definition: StreamDefinition,
): Promise<void> {
  const config = toStreamConfig(namespace, definition);
  try {
    await jsm.streams.add(config);
  } catch (error) {
    if (apiErrorCode(error) !== STREAM_NAME_IN_USE) throw provisionError(`stream ${config.name}`, error);
    try {
      const { name: _name, ...update } = config;
      await jsm.streams.update(config.name, update);
    } catch (updateError) {
      throw provisionError(`stream ${config.name} (update)`, updateError);
    }
  }
}

/**
 * Creates the durable consumer, or updates it in place when it exists with another config ("already
 * exists" from a concurrent replica resolves the same way).
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  namespace: Namespace,
  definition: ConsumerDefinition,
): Promise<void> {
  const stream = namespace.stream(definition.stream);
  const config = toConsumerConfig(namespace, definition);
  const durable = config.durable_name ?? definition.durable;
  try {
    await jsm.consumers.add(stream, config);
    return;
  } catch (error) {
    if (apiErrorCode(error) !== CONSUMER_ALREADY_EXISTS) throw consumerError(durable, stream, error);
  }
  try {
    const { durable_name: _durable, ...update } = config;
    await jsm.consumers.update(stream, durable, update);
  } catch (error) {
    throw consumerError(durable, stream, error);
  }
}

function consumerError(durable: string, stream: string, error: unknown): MessagingError {
  const code = apiErrorCode(error) === STREAM_NOT_FOUND ? 'messaging.stream_not_found' : 'messaging.provision_failed';
  return new MessagingError(code, `cannot provision consumer ${durable} on ${stream}: ${String(error)}`, {
    cause: error,
  });
}

function provisionError(what: string, error: unknown): MessagingError {
  return new MessagingError('messaging.provision_failed', `cannot provision ${what}: ${String(error)}`, {
    cause: error,
  });
}

/** The JetStream `err_code` of an API error, if it is one. */
export function apiErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
