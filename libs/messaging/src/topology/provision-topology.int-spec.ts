import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { STREAM_DEFINITIONS } from '@media-monitor/contracts';
import { ITEMS_STREAM, TEST_STREAMS, itemsConsumer } from '../../test/fixtures.js';
import { testNatsUrl, uniqueNamespace } from '@media-monitor/testing';
import { provisionTopology } from './provision-topology.js';

describe('provisionTopology', () => {
  let nc: NatsConnection;
  let other: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    other = await connect({ servers: testNatsUrl() });
  });

  afterAll(async () => {
    await nc.close();
    await other.close();
  });

  it('creates namespaced streams and consumers, and running it again changes nothing', async () => {
    const ns = uniqueNamespace();
    const consumer = itemsConsumer({ filterSubjects: ['test.item-created.v1', 'test.item-updated.v1'] });
    await provisionTopology(nc, ns, TEST_STREAMS, [consumer]);
    await provisionTopology(nc, ns, TEST_STREAMS, [consumer]);

    const jsm = await jetstreamManager(nc);
    const stream = await jsm.streams.info(ns.stream(ITEMS_STREAM.name));
    expect(stream.config).toMatchObject({
      subjects: [ns.subject('test.>')],
      storage: 'file',
      duplicate_window: nanos(ITEMS_STREAM.duplicateWindowMs),
    });
    const dlq = await jsm.streams.info(ns.stream(STREAM_DEFINITIONS.deadLetters.name));
    expect(dlq.config.subjects).toEqual([ns.subject('deadletter.>')]);
    const info = await jsm.consumers.info(ns.stream(ITEMS_STREAM.name), ns.durable(consumer.durable));
    expect(info.config).toMatchObject({
      durable_name: ns.durable(consumer.durable),
      ack_policy: 'explicit',
      deliver_policy: 'all',
      filter_subjects: [ns.subject('test.item-created.v1'), ns.subject('test.item-updated.v1')],
      ack_wait: nanos(consumer.ackWaitMs),
      max_ack_pending: consumer.maxAckPending,
    });
    expect(info.config.deliver_subject).toBeUndefined();
  });

  it('survives concurrent calls from several replicas', async () => {
    const ns = uniqueNamespace();
    const consumer = itemsConsumer();
    await Promise.all([
      provisionTopology(nc, ns, TEST_STREAMS, [consumer]),
      provisionTopology(other, ns, TEST_STREAMS, [consumer]),
      provisionTopology(nc, ns, TEST_STREAMS, [consumer]),
    ]);
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const c of jsm.consumers.list(ns.stream(ITEMS_STREAM.name))) names.push(c.name);
    expect(names).toEqual([ns.durable(consumer.durable)]);
  });

  it('updates a stream and a consumer whose definition changed', async () => {
    const ns = uniqueNamespace();
    await provisionTopology(nc, ns, TEST_STREAMS, [itemsConsumer()]);
    const changedStream = { ...ITEMS_STREAM, duplicateWindowMs: 30_000, description: 'changed' };
    await provisionTopology(nc, ns, [changedStream], [itemsConsumer({ ackWaitMs: 7_000, maxAckPending: 5 })]);
    const jsm = await jetstreamManager(nc);
    const stream = await jsm.streams.info(ns.stream(ITEMS_STREAM.name));
    expect(stream.config.duplicate_window).toBe(nanos(30_000));
    expect(stream.config.description).toBe('changed');
    const info = await jsm.consumers.info(ns.stream(ITEMS_STREAM.name), ns.durable('items-worker'));
    expect(info.config.ack_wait).toBe(nanos(7_000));
    expect(info.config.max_ack_pending).toBe(5);
  });
});
