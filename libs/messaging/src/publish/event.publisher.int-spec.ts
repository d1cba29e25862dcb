import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Registry } from 'prom-client';
import { HEADERS } from '@media-monitor/contracts';
import { ITEMS_STREAM, ItemCreatedV1, TEST_STREAMS, readStream } from '../../test/fixtures.js';
import { testNatsUrl, uniqueNamespace } from '@media-monitor/testing';
import { runWithCorrelationId } from '../correlation/correlation.context.js';
import { InvalidMessageError, PublishFailedError } from '../errors/messaging.errors.js';
import { MessagingMetrics } from '../metrics/messaging.metrics.js';
import { provisionTopology } from '../topology/provision-topology.js';
import { EventPublisher } from './event.publisher.js';

describe('EventPublisher', () => {
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });

  afterAll(async () => {
    await nc.close();
  });

  it('stores a msgId once and reports the second publish as a duplicate', async () => {
    const ns = uniqueNamespace();
    await provisionTopology(nc, ns, TEST_STREAMS, []);
    const metrics = new MessagingMetrics(new Registry());
    const publisher = new EventPublisher(nc, ns, { producer: 'test-producer', metrics });

    const first = await runWithCorrelationId('corr-1', () =>
      publisher.publish(ItemCreatedV1, { id: 'a', n: 1 }, { msgId: 'item-a', headers: { 'x-tenant': 't' } }),
    );
    const second = await publisher.publish(ItemCreatedV1, { id: 'a', n: 1 }, { msgId: 'item-a' });

    expect(first).toEqual({ stream: ns.stream(ITEMS_STREAM.name), seq: 1, duplicate: false });
    expect(second).toMatchObject({ seq: 1, duplicate: true });
    const stored = await readStream(nc, ns.stream(ITEMS_STREAM.name));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.subject).toBe(ns.subject(ItemCreatedV1.subject));
    expect(JSON.parse(stored[0]?.data ?? '')).toEqual({ id: 'a', n: 1 });
    expect(stored[0]?.headers).toMatchObject({
      [HEADERS.msgId]: 'item-a',
      [HEADERS.correlationId]: 'corr-1',
      [HEADERS.eventType]: ItemCreatedV1.subject,
      [HEADERS.producer]: 'test-producer',
      'x-tenant': 't',
    });
    const published = await metrics.published.get();
    expect(published.values.map((v) => [v.labels['outcome'], v.value]).sort()).toEqual([
      ['duplicate', 1],
      ['stored', 1],
    ]);
  });

  it('uses an explicit correlation id, else a fresh uuid', async () => {
    const ns = uniqueNamespace();
    await provisionTopology(nc, ns, TEST_STREAMS, []);
    const publisher = new EventPublisher(nc, ns, { producer: 'p' });
    await publisher.publish(ItemCreatedV1, { id: 'a', n: 1 }, { msgId: 'a', correlationId: 'given' });
    await publisher.publish(ItemCreatedV1, { id: 'b', n: 1 }, { msgId: 'b' });
    const [a, b] = await readStream(nc, ns.stream(ITEMS_STREAM.name));
    expect(a?.headers[HEADERS.correlationId]).toBe('given');
    expect(b?.headers[HEADERS.correlationId]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an invalid payload before publishing', async () => {
    const ns = uniqueNamespace();
    await provisionTopology(nc, ns, TEST_STREAMS, []);
    const publisher = new EventPublisher(nc, ns, { producer: 'p' });
    const attempt = publisher.publish(ItemCreatedV1, { id: '', n: 1.5 } as never, { msgId: 'bad' });
    await expect(attempt).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(attempt).rejects.toMatchObject({ code: 'messaging.invalid_payload' });
    expect(await readStream(nc, ns.stream(ITEMS_STREAM.name))).toHaveLength(0);
  });

  it('retries a transient failure, then gives up with PublishFailedError', async () => {
    const ns = uniqueNamespace(); // no stream: JetStream answers "no responders"
    const publisher = new EventPublisher(nc, ns, {
      producer: 'p',
      maxAttempts: 3,
      backoff: { baseMs: 10, maxMs: 20, jitter: 0 },
    });
    const attempt = publisher.publish(ItemCreatedV1, { id: 'a', n: 1 }, { msgId: 'a', timeoutMs: 500 });
    await expect(attempt).rejects.toBeInstanceOf(PublishFailedError);
    await expect(attempt).rejects.toMatchObject({ code: 'messaging.publish_failed', attempts: 3 });
  });
});
