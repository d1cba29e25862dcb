import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleEntitiesV1,
  ArticleSentimentV1,
  CONSUMER_DEFINITIONS,
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  TopTermsQueryV1,
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

const entities = (
  i: number,
  topics: string[] = ['bars'],
  over: { source?: string; storyId?: string; entityIds?: string[]; publishedAt?: string } = {},
): Entities => ({
  articleId: id(i),
  publishedAt: over.publishedAt ?? publishedAt,
  language: 'en',
  source: { id: over.source ?? 'wire' },
  url: `https://example.test/${i}`,
  title: 'BARS',
  body: 'A report on BARS.',
  ...(over.storyId ? { storyId: over.storyId } : {}),
  analyzer: { name: 'test', version: '1' },
  entities: (over.entityIds ?? ['unit:bars']).map((entityId) => ({
    entityId,
    name: entityId,
    type: 'UNIT' as const,
    mentions: [{ text: 'BARS', start: 0, end: 4 }],
  })),
  topics: topics.map((topicId) => ({ topicId, matched: ['BARS'] })),
});
const sentiment = (i: number, score: number): Sentiment => ({
  articleId: id(i),
  publishedAt,
  language: 'en',
  analyzer: { name: 'test', version: '1' },
  document: { score, label: score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral', confidence: 0.8 },
  sentences: [],
  entities: [],
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
    const trend = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'topic', id: topicId },
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-25T12:00:00Z',
      interval: 'hour',
      timeZone: 'UTC',
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
      queries.request(SeriesTrendQueryV1, {
        series: { kind: 'topic', id: 'bars' },
        from: '2026-11-25T12:00:00Z',
        to: '2026-11-25T09:00:00Z',
        interval: 'hour',
        timeZone: 'UTC',
      }),
    ).rejects.toMatchObject({ code: 'trends.invalid_range' });
    await expect(
      queries.request(SeriesTrendQueryV1, {
        series: { kind: 'topic', id: 'bars' },
        from: '2026-11-25T09:00:00Z',
        to: '2026-11-25T12:00:00Z',
        interval: 'day',
        timeZone: 'Mars/Olympus',
      }),
    ).rejects.toMatchObject({ code: 'trends.invalid_time_zone' });
  });

  it('counts stories, publishers, entities, sources and normalised volume; groups days in a time zone', async () => {
    // A wire story carried by two outlets, an unrelated story, and an off-topic article from one outlet.
    const story = id(300);
    const at = '2026-11-25T22:30:00.000Z'; // 25 Nov in UTC, 26 Nov in Moscow (UTC+3)
    const articles = [
      entities(301, ['sov-a'], {
        source: 'tass.ru',
        storyId: story,
        entityIds: ['unit:bars-kursk', 'loc:kursk'],
        publishedAt: at,
      }),
      entities(302, ['sov-a'], { source: 'ria.ru', storyId: story, entityIds: ['unit:bars-kursk'], publishedAt: at }),
      entities(303, ['sov-a', 'sov-b'], { source: 'tass.ru', entityIds: ['loc:kursk'], publishedAt: at }),
      entities(304, [], { source: 'tass.ru', entityIds: [], publishedAt: at }),
    ];
    for (const a of articles) {
      await publisher.publish(ArticleEntitiesV1, a, { msgId: `e-${a.articleId}` });
      await publisher.publish(
        ArticleSentimentV1,
        { ...sentiment(0, 0.5), articleId: a.articleId, publishedAt: at },
        {
          msgId: `s-${a.articleId}`,
        },
      );
    }
    await settled();
    const range = {
      from: '2026-11-25T22:00:00Z',
      to: '2026-11-25T23:00:00Z',
      interval: 'hour' as const,
      timeZone: 'UTC',
    };
    const topicTrend = await queries.request(SeriesTrendQueryV1, { series: { kind: 'topic', id: 'sov-a' }, ...range });
    expect(topicTrend.points).toHaveLength(1);
    // 3 topic articles over 4 articles from tass.ru and ria.ru in that hour.
    expect(topicTrend.points[0]).toMatchObject({ articles: 3, stories: 2, publishers: 2, normalisedVolume: 0.75 });

    const entityTrend = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'entity', id: 'unit:bars-kursk' },
      ...range,
    });
    expect(entityTrend.points[0]).toMatchObject({ articles: 2, stories: 1, publishers: 2 });

    const top = await queries.request(TopTermsQueryV1, {
      series: { kind: 'topic', id: 'sov-a' },
      from: range.from,
      to: range.to,
      limit: 10,
    });
    expect(top.entities).toEqual([
      { id: 'loc:kursk', articles: 2 },
      { id: 'unit:bars-kursk', articles: 2 },
    ]);
    expect(top.sources).toEqual([
      { id: 'tass.ru', articles: 2 },
      { id: 'ria.ru', articles: 1 },
    ]);
    const coMentions = await queries.request(TopTermsQueryV1, {
      series: { kind: 'entity', id: 'unit:bars-kursk' },
      from: range.from,
      to: range.to,
      limit: 10,
    });
    expect(coMentions.entities).toEqual([{ id: 'loc:kursk', articles: 1 }]);

    const share = await queries.request(ShareOfVoiceQueryV1, { topicIds: ['sov-a', 'sov-b'], ...range });
    expect(share.points[0]).toMatchObject({
      total: 4,
      topics: [
        { topicId: 'sov-a', articles: 3, share: 0.75 },
        { topicId: 'sov-b', articles: 1, share: 0.25 },
      ],
    });

    const days = { from: '2026-11-25T00:00:00Z', to: '2026-11-27T00:00:00Z', interval: 'day' as const };
    const utcDays = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'topic', id: 'sov-a' },
      ...days,
      timeZone: 'UTC',
    });
    expect(utcDays.points.map((p) => [p.localStart, p.articles])).toEqual([
      ['2026-11-25T00:00:00Z', 3],
      ['2026-11-26T00:00:00Z', 0],
    ]);
    const moscowDays = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'topic', id: 'sov-a' },
      ...days,
      timeZone: 'Europe/Moscow',
    });
    expect(moscowDays.points.map((p) => [p.localStart, p.articles, p.stories])).toEqual([
      ['2026-11-25T00:00:00+03:00', 0, 0],
      ['2026-11-26T00:00:00+03:00', 3, 2],
      ['2026-11-27T00:00:00+03:00', 0, 0], // local days that overlap [from, to)
    ]);
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
