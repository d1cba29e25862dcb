import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { NatsServer } from '@media-monitor/local-infra';
import { ItemCreatedV1, TEST_STREAMS, capturingLogger, consumerBacklog, itemsConsumer } from '../../test/fixtures.js';
import { testNatsUrl, uniqueNamespace, waitFor } from '@media-monitor/testing';
import { connectNats } from '../connection/connect-nats.js';
import { EventPublisher } from '../publish/event.publisher.js';
import { provisionTopology } from '../topology/provision-topology.js';
import { ConsumerRunner } from './consumer.runner.js';

describe('ConsumerRunner recovery', () => {
  describe('with its own nats-server', () => {
    let dataDir: string;
    let server: NatsServer;
    let nc: NatsConnection;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'messaging-reconnect-'));
      server = await NatsServer.start({ dataDir });
      nc = await connectNats({ servers: server.url, name: 'reconnect-test', reconnectTimeWaitMs: 100 });
    });

    afterAll(async () => {
      await nc?.close();
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('processes every message across a server crash and restart', async () => {
      const ns = uniqueNamespace();
      const consumer = itemsConsumer({ ackWaitMs: 1_500, maxDeliver: 20 });
      await provisionTopology(nc, ns, TEST_STREAMS, [consumer]);
      // Right after a restart JetStream may drop the first request while it recovers the stream: the publisher
      // retries it (same msgId) after the per-attempt timeout, kept short here.
      const publisher = new EventPublisher(nc, ns, { producer: 'test', maxAttempts: 10, timeoutMs: 1_000 });
      const processed = new Set<string>();
      const logger = capturingLogger();
      const runner = new ConsumerRunner({
        nc,
        namespace: ns,
        consumer,
        contracts: [ItemCreatedV1],
        concurrency: 2,
        backoffMs: [100],
        logger,
        pullExpiresMs: 1_000,
        ackTimeoutMs: 1_000,
        handler: async (event) => {
          await sleep(50);
          processed.add((event as { id: string }).id);
        },
      });
      await runner.start();

      for (let i = 0; i < 10; i++) await publisher.publish(ItemCreatedV1, { id: `a${i}`, n: i }, { msgId: `a${i}` });
      await waitFor(() => (processed.size >= 3 ? true : undefined), { what: 'some messages before the crash' });

      await server.kill();
      await sleep(300);
      await server.restart();

      for (let i = 0; i < 10; i++) await publisher.publish(ItemCreatedV1, { id: `b${i}`, n: i }, { msgId: `b${i}` });
      await waitFor(() => (processed.size === 20 ? true : undefined), { what: 'all 20 messages', timeoutMs: 20_000 });
      await waitFor(async () => ((await consumerBacklog(nc, ns, consumer)) === 0 ? true : undefined), {
        what: 'all acks',
      });
      expect([...processed].sort()).toEqual(
        [...Array.from({ length: 10 }, (_, i) => `a${i}`), ...Array.from({ length: 10 }, (_, i) => `b${i}`)].sort(),
      );
      await runner.stop({ drainTimeoutMs: 1_000 });
    });
  });

  describe('on the shared server', () => {
    let nc: NatsConnection;

    beforeAll(async () => {
      nc = await connectNats({ servers: testNatsUrl(), name: 'consumer-loss-test' });
    });

    afterAll(async () => {
      await nc.close();
    });

    it('re-creates a deleted consumer and keeps consuming', async () => {
      const ns = uniqueNamespace();
      const consumer = itemsConsumer();
      await provisionTopology(nc, ns, TEST_STREAMS, [consumer]);
      const publisher = new EventPublisher(nc, ns, { producer: 'test' });
      const processed = new Set<string>();
      const logger = capturingLogger();
      const runner = new ConsumerRunner({
        nc,
        namespace: ns,
        consumer,
        contracts: [ItemCreatedV1],
        concurrency: 1,
        logger,
        pullExpiresMs: 1_000,
        handler: async (event) => void processed.add((event as { id: string }).id),
      });
      await runner.start();
      await publisher.publish(ItemCreatedV1, { id: 'before', n: 1 }, { msgId: 'before' });
      await waitFor(() => (processed.has('before') ? true : undefined), { what: 'the first message' });

      const jsm = await jetstreamManager(nc);
      await jsm.consumers.delete(ns.stream(consumer.stream), ns.durable(consumer.durable));
      await publisher.publish(ItemCreatedV1, { id: 'after', n: 2 }, { msgId: 'after' });

      await waitFor(() => (processed.has('after') ? true : undefined), { what: 'the message after the deletion' });
      expect(logger.lines.some((line) => line.msg?.includes('re-creating'))).toBe(true);
      await waitFor(() => (runner.status().running ? true : undefined), { what: 'a healthy status' });
      await runner.stop({ drainTimeoutMs: 1_000 });
    });

    it('does not crash when the connection closes under it', async () => {
      const own = await connectNats({ servers: testNatsUrl(), name: 'closing' });
      const ns = uniqueNamespace();
      await provisionTopology(own, ns, TEST_STREAMS, [itemsConsumer()]);
      const logger = capturingLogger();
      const runner = new ConsumerRunner({
        nc: own,
        namespace: ns,
        consumer: itemsConsumer(),
        contracts: [ItemCreatedV1],
        concurrency: 1,
        logger,
        pullExpiresMs: 1_000,
        handler: async () => undefined,
      });
      await runner.start();
      await own.close();
      await waitFor(() => (runner.status().running ? undefined : true), { what: 'the runner to notice' });
      expect(runner.status().lastError).toBeDefined();
      await runner.stop({ drainTimeoutMs: 500 });
    });
  });
});
