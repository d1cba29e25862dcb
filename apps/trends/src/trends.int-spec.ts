import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleEntitiesV1,
  ArticleSentimentV1,
  CONSUMER_DEFINITIONS,
  TopicTrendQueryV1,
  type ArticleEntitiesV1 as Entities,
  type ArticleSentimentV1 as Sentiment,
} from '@media-monitor/contracts';
import { EventPublisher, QueryClient } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor } from '@media-monitor/testing';
import { trendsService } from './trends.service.js';

const ns = uniqueNamespace();
const publishedAt = '2026-11-25T10:20:00.000Z';
const id = (i: number) => i.toString(16).padStart(32, 'b');

const entities = (i: number, topics: string[] = ['bars']): Entities => ({
  articleId: id(i),
  publishedAt,
  language: 'en',
  source: { id: 'wire' },
  analyzer: { name: 'test', version: '1' },
  entities: [{ entityId: 'unit:bars', name: 'BARS', type: 'UNIT', mentions: [{ text: 'BARS', start: 0, end: 4 }] }],
  topics: topics.map((topicId) => ({ topicId, matched: ['BARS'] })),
});
const sentiment = (i: number, score: number): Sentiment => ({
  articleId: id(i),
  publishedAt,
  language: 'en',
  analyzer: { name: 'test', version: '1' },
  document: { score, label: score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral', confidence: 0.8 },
  sentences: [],
});

describe('trends service (real NATS consumer, real FerretDB)', () => {
  let nc: NatsConnection;
  let service: RunningService;
  let publisher: EventPublisher;
  let queries: QueryClient;

  beforeAll(async () => {
    const { natsUrl, mongoUri } = testInfra();
    service = await startServiceInProcess({
      ...trendsService,
      env: {
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        LOG_LEVEL: 'silent',
        NATS_URL: natsUrl,
        NATS_NAMESPACE: ns.value,
        MONGO_URL: mongoUri,
        MONGO_DB: uniqueDatabaseName('trends'),
      },
    });
    nc = await connect({ servers: natsUrl });
    publisher = new EventPublisher(nc, ns, { producer: 'test' });
    queries = new QueryClient(nc, ns, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await service?.close();
    await nc?.close();
  });

  const hourPoint = async (topicId = 'bars') => {
    const trend = await queries.request(TopicTrendQueryV1, {
      topicId,
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-25T12:00:00Z',
      interval: 'hour',
    });
    expect(trend.points.map((p) => p.bucketStart)).toEqual([
      '2026-11-25T09:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
      '2026-11-25T11:00:00.000Z',
    ]);
    return trend.points[1];
  };

  const settled = async () => {
    const jsm = await jetstreamManager(nc);
    const consumer = CONSUMER_DEFINITIONS.trendsAnalysis;
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(ns.stream(consumer.stream), ns.durable(consumer.durable));
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      { what: 'trends consumer caught up' },
    );
  };

  it('counts an article once both analyses arrived, and not again when they are delivered again', async () => {
    await publisher.publish(ArticleEntitiesV1, entities(1), { msgId: 'e1' });
    await settled();
    expect((await hourPoint())?.articles).toBe(0);
    await publisher.publish(ArticleSentimentV1, sentiment(1, -0.5), { msgId: 's1' });
    await waitFor(async () => ((await hourPoint())?.articles === 1 ? true : undefined), {
      what: 'the article counted',
    });

    // Redelivery after the de-duplication window: same content, new message ids.
    await publisher.publish(ArticleSentimentV1, sentiment(1, -0.5), { msgId: 's1-again' });
    await publisher.publish(ArticleEntitiesV1, entities(1), { msgId: 'e1-again' });
    await settled();
    expect(await hourPoint()).toMatchObject({
      articles: 1,
      toneCount: 1,
      toneSum: -0.5,
      negative: 1,
      articleIds: [id(1)],
    });
  });

  it('counts many articles landing in one bucket at once exactly', async () => {
    const n = 20;
    await Promise.all(
      Array.from({ length: n }, (_, k) => k + 100).flatMap((i) => [
        publisher.publish(ArticleEntitiesV1, entities(i, ['burst']), { msgId: `e${i}` }),
        publisher.publish(ArticleSentimentV1, sentiment(i, 0.25), { msgId: `s${i}` }),
      ]),
    );
    await settled();
    const point = await hourPoint('burst');
    expect(point).toMatchObject({ articles: n, toneCount: n, positive: n });
    expect(point?.toneSum).toBeCloseTo(n * 0.25, 6);
    expect(new Set(point?.articleIds).size).toBe(n);
  });

  it('answers an invalid range with a stable error code', async () => {
    await expect(
      queries.request(TopicTrendQueryV1, {
        topicId: 'bars',
        from: '2026-11-25T12:00:00Z',
        to: '2026-11-25T09:00:00Z',
        interval: 'hour',
      }),
    ).rejects.toMatchObject({ code: 'trends.invalid_range' });
  });

  it('reports readiness of NATS, its consumer and the store, and Prometheus metrics of the consumer', async () => {
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(JSON.stringify(await ready.json())).toMatch(/nats.*consumers.*mongo|mongo.*consumers|consumers.*mongo/s);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    for (const name of [
      'messaging_messages_processed_total',
      'messaging_messages_redelivered_total',
      'messaging_messages_failed_total',
      'messaging_messages_dead_lettered_total',
      'messaging_handler_duration_seconds_bucket',
      'messaging_consumer_pending',
      'http_request_duration_seconds',
      'process_resident_memory_bytes',
    ]) {
      expect(metrics).toContain(name);
    }
    expect(metrics).toMatch(/messaging_messages_processed_total\{[^}]*consumer="trends-analysis"[^}]*\} [1-9]/);
  });
});
