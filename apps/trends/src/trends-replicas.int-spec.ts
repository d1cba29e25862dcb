import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleEntitiesV1,
  ArticleListQueryV1,
  ArticleSentimentV1,
  CONSUMER_DEFINITIONS,
  SeriesTrendQueryV1,
  type ArticleEntitiesV1 as Entities,
} from '@media-monitor/contracts';
import { EventPublisher, QueryClient } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { trendsService } from './trends.service.js';

const ns = uniqueNamespace();
const publishedAt = '2026-11-25T10:20:00.000Z';
const id = (i: number) => i.toString(16).padStart(32, 'd');

describe('two trends replicas sharing one durable consumer on FerretDB (TRENDS_WRITE_LOCK=nats)', () => {
  let nc: NatsConnection;
  const replicas: RunningService[] = [];

  beforeAll(async () => {
    const { natsUrl } = testInfra();
    const env = {
      ...serviceTestEnv(ns.value, uniqueDatabaseName('trends_replicas')),
      TRENDS_WRITE_LOCK: 'nats',
      CONSUMER_CONCURRENCY: '16',
    };
    for (let i = 0; i < 2; i++) replicas.push(await startServiceInProcess({ ...trendsService, env }));
    nc = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await nc?.close();
  });

  it('counts every article of a burst into the same buckets exactly once', async () => {
    const publisher = new EventPublisher(nc, ns, { producer: 'test' });
    const n = 60;
    const entities = (i: number): Entities => ({
      articleId: id(i),
      publishedAt,
      language: 'en',
      source: { id: `outlet-${i % 3}` },
      url: `https://example.test/${i}`,
      title: 'BARS',
      body: 'A report on BARS.',
      analyzer: { name: 'test', version: '1' },
      entities: [{ entityId: 'unit:bars', name: 'BARS', type: 'UNIT', mentions: [{ text: 'BARS', start: 0, end: 4 }] }],
      topics: [{ topicId: 'burst', matched: ['BARS'] }],
    });
    await Promise.all(
      Array.from({ length: n }, (_, i) => [
        publisher.publish(ArticleEntitiesV1, entities(i), { msgId: `e${i}` }),
        publisher.publish(
          ArticleSentimentV1,
          {
            articleId: id(i),
            publishedAt,
            language: 'en',
            analyzer: { name: 'test', version: '1' },
            document: { score: 0.5, label: 'positive', confidence: 1 },
            sentences: [],
            entities: [],
          },
          { msgId: `s${i}` },
        ),
      ]).flat(),
    );
    const jsm = await jetstreamManager(nc);
    const consumer = CONSUMER_DEFINITIONS.trendsAnalysis;
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(ns.stream(consumer.stream), ns.durable(consumer.durable));
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      { what: 'the trends consumer caught up', timeoutMs: 60_000 },
    );
    const queries = new QueryClient(nc, ns, { timeoutMs: 5000 });
    const trend = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'topic', id: 'burst' },
      from: '2026-11-25T10:00:00Z',
      to: '2026-11-25T11:00:00Z',
      interval: 'hour',
      timeZone: 'UTC',
    });
    expect(trend.points[0]).toMatchObject({ articles: n, toneCount: n, positive: n, publishers: 3 });
    let listed = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await queries.request(ArticleListQueryV1, {
        topicId: 'burst',
        limit: 25,
        ...(cursor ? { cursor } : {}),
      });
      listed += page.articles.length;
      cursor = page.nextCursor ?? undefined;
    }
    expect(listed).toBe(n);
    const all = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'all', id: '*' },
      from: '2026-11-25T10:20:00Z',
      to: '2026-11-25T10:21:00Z',
      interval: 'minute',
      timeZone: 'UTC',
    });
    expect(all.points[0]?.articles).toBe(n);
  }, 120_000);
});
