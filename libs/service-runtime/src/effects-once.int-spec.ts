import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import mongoose, { type Connection } from 'mongoose';
import {
  ArticleIngestedV1,
  CONSUMER_DEFINITIONS,
  STREAM_DEFINITIONS,
  type ArticleIngestedV1 as ArticleIngested,
} from '@media-monitor/contracts';
import { ConsumerRunner, EventPublisher, provisionTopology, silentLogger } from '@media-monitor/messaging';
import { guardedIncrement } from '@media-monitor/persistence';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor } from '@media-monitor/testing';

// Invariant 1 with both real parts: a handler stores its effect, then fails (as if the process died
// before acking); JetStream redelivers; the guarded write makes the effect count once.
describe('an effect stored before a failure is counted once across redeliveries', () => {
  let nc: NatsConnection;
  let db: Connection;

  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
    db = await mongoose.createConnection(testInfra().mongoUri, { dbName: uniqueDatabaseName('effects') }).asPromise();
  });

  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
    await nc.close();
  });

  const article = (i: number): ArticleIngested => ({
    articleId: i.toString(16).padStart(32, '0'),
    url: `https://example.org/${i}`,
    canonicalUrl: `https://example.org/${i}`,
    title: `Article ${i}`,
    body: 'Body text.',
    publishedAt: '2026-11-25T08:00:00.000Z',
    ingestedAt: '2026-11-25T08:00:01.000Z',
    language: 'en',
    source: { id: 'test' },
    contentHash: 'a'.repeat(64),
  });

  it('a handler that fails twice then succeeds has its effect stored once', async () => {
    const ns = uniqueNamespace();
    const consumer = CONSUMER_DEFINITIONS.entityArticles;
    await provisionTopology(nc, ns, [STREAM_DEFINITIONS.articles, STREAM_DEFINITIONS.deadLetters], [consumer]);
    const counters = db.collection<{ _id: string; n: number; contributors: string[] }>('counters');
    const attempts = new Map<string, number>();
    const runner = new ConsumerRunner({
      nc,
      namespace: ns,
      consumer,
      contracts: [ArticleIngestedV1],
      concurrency: 4,
      backoffMs: [50, 50],
      pullExpiresMs: 1_000,
      logger: silentLogger,
      handler: async (event) => {
        const { articleId } = event as ArticleIngested;
        await guardedIncrement(counters, { key: { _id: 'total' }, contributionId: articleId, inc: { n: 1 } });
        const attempt = (attempts.get(articleId) ?? 0) + 1;
        attempts.set(articleId, attempt);
        if (attempt <= 2) throw new Error(`simulated failure after the write, attempt ${attempt}`);
      },
    });
    runner.start();
    try {
      const publisher = new EventPublisher(nc, ns, { producer: 'test' });
      for (let i = 1; i <= 3; i++) await publisher.publish(ArticleIngestedV1, article(i), { msgId: `a${i}` });

      const jsm = await jetstreamManager(nc);
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(ns.stream(consumer.stream), ns.durable(consumer.durable));
          return info.num_pending === 0 && info.num_ack_pending === 0 && [...attempts.values()].every((a) => a >= 3)
            ? true
            : undefined;
        },
        { timeoutMs: 20_000, what: 'every message acknowledged' },
      );
      expect([...attempts.values()]).toEqual([3, 3, 3]);
      const total = await counters.findOne({ _id: 'total' });
      expect(total?.n).toBe(3);
      expect([...(total?.contributors ?? [])].sort()).toEqual([1, 2, 3].map((i) => article(i).articleId));
    } finally {
      await runner.stop({ drainTimeoutMs: 1_000 });
    }
  });
});
