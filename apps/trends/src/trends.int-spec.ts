import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleEntitiesV1,
  ArticleGetQueryV1,
  ArticleListQueryV1,
  ArticleSentimentV1,
  ArticleTopicsMatchedV1,
  CONSUMER_DEFINITIONS,
  CollectionStatusV1,
  TopicChangedV1,
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  TopTermsQueryV1,
  type ArticleEntitiesV1 as Entities,
  type ArticleSentimentV1 as Sentiment,
} from '@media-monitor/contracts';
import { EventPublisher, QueryClient } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
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
  topics: topics.map((topicId) => ({
    topicId,
    version: 1,
    matched: ['BARS'],
    evidence: [{ term: 'BARS', matchedText: 'BARS', start: 0, end: 4 }],
  })),
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
    const { natsUrl } = testInfra();
    service = await startServiceInProcess({
      ...trendsService,
      env: {
        ...serviceTestEnv(ns.value, uniqueDatabaseName('trends')),
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

  const settled = async (consumer = CONSUMER_DEFINITIONS.trendsAnalysis) => {
    const jsm = await jetstreamManager(nc);
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(ns.stream(consumer.stream), ns.durable(consumer.durable));
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      { what: `${consumer.durable} caught up` },
    );
  };

  /** Every article the point's link lists, following the cursor to the end. */
  const articlesOf = async (articlesUrl: string) => {
    const params = new URL(articlesUrl, 'http://gateway').searchParams;
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queries.request(ArticleListQueryV1, {
        limit: 2,
        ...(params.get('topic') ? { topicId: params.get('topic') ?? '' } : {}),
        ...(params.get('topicVersion') ? { topicVersion: Number(params.get('topicVersion')) } : {}),
        ...(params.get('entity') ? { entityId: params.get('entity') ?? '' } : {}),
        from: params.get('from') ?? '',
        to: params.get('to') ?? '',
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...page.articles.map((a) => a.articleId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
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
    const point = await hourPoint();
    expect(point).toMatchObject({ articles: 1, toneCount: 1, toneSum: -0.5, negative: 1, complete: true });
    expect(await articlesOf(point?.articlesUrl ?? '')).toEqual([id(1)]);
    const { article } = await queries.request(ArticleGetQueryV1, { articleId: id(1) });
    expect(article).toMatchObject({
      title: 'BARS',
      snippet: 'A report on BARS.',
      topics: [{ topicId: 'bars', version: 1, evidence: [{ term: 'BARS', start: 0, end: 4 }] }],
      entities: [{ entityId: 'unit:bars', mentions: [{ text: 'BARS', start: 0, end: 4 }] }],
      tone: { label: 'negative' },
    });
    await expect(queries.request(ArticleGetQueryV1, { articleId: id(999) })).rejects.toMatchObject({
      code: 'trends.article_not_found',
    });
  });

  it('counts a topic version found again by a backfill once, a new version apart, and reads the active one', async () => {
    await publisher.publish(ArticleEntitiesV1, entities(50, ['versioned']), { msgId: 'e50' });
    await publisher.publish(ArticleSentimentV1, sentiment(50, 0.5), { msgId: 's50' });
    await settled();
    // The backfill of version 2 meets the article, and also reports version 1 (already counted live).
    const evidence = [{ term: 'BARS', matchedText: 'BARS', start: 0, end: 4 }];
    for (const msgId of ['m50', 'm50-again']) {
      await publisher.publish(
        ArticleTopicsMatchedV1,
        {
          articleId: id(50),
          publishedAt,
          topics: [
            { topicId: 'versioned', version: 1, matched: ['BARS'], evidence },
            { topicId: 'versioned', version: 2, matched: ['BARS'], evidence },
          ],
        },
        { msgId },
      );
    }
    await settled();
    const v1 = await hourPoint('versioned');
    expect(v1).toMatchObject({ articles: 1, stories: 1, publishers: 1 });
    expect(v1?.articlesUrl).toContain('topicVersion=1');

    await publisher.publish(
      TopicChangedV1,
      {
        topicId: 'versioned',
        name: 'Versioned',
        activeVersion: 1,
        liveVersions: [1, 2],
        deleted: false,
        changedAt: '2026-11-25T12:00:00.000Z',
      },
      { msgId: 'topic:versioned:1' },
    );
    await settled(CONSUMER_DEFINITIONS.trendsTopics);
    const during = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'topic', id: 'versioned' },
      from: '2026-11-25T10:00:00Z',
      to: '2026-11-25T11:00:00Z',
      interval: 'hour',
      timeZone: 'UTC',
    });
    expect(during).toMatchObject({ topicVersion: 1, notes: [expect.stringMatching(/version 2 .* backfilled/)] });

    await publisher.publish(
      TopicChangedV1,
      {
        topicId: 'versioned',
        name: 'Versioned',
        activeVersion: 2,
        liveVersions: [2],
        deleted: false,
        changedAt: '2026-11-25T12:05:00.000Z',
      },
      { msgId: 'topic:versioned:2' },
    );
    await settled(CONSUMER_DEFINITIONS.trendsTopics);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the resolved version is cached for 2 s
    const v2 = await hourPoint('versioned');
    expect(v2).toMatchObject({ articles: 1 });
    expect(v2?.articlesUrl).toContain('topicVersion=2');
    expect(await articlesOf(v2?.articlesUrl ?? '')).toEqual([id(50)]);

    await publisher.publish(
      TopicChangedV1,
      {
        topicId: 'versioned',
        name: 'Versioned',
        activeVersion: 2,
        liveVersions: [2],
        deleted: true,
        changedAt: '2026-11-25T12:10:00.000Z',
      },
      { msgId: 'topic:versioned:3' },
    );
    await settled(CONSUMER_DEFINITIONS.trendsTopics);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(hourPoint('versioned')).rejects.toMatchObject({ code: 'trends.topic_not_found' });
  });

  it('marks buckets that overlap a source outage incomplete, with the reason', async () => {
    await publisher.publish(
      CollectionStatusV1,
      {
        sourceId: 'flaky.example',
        from: '2026-11-25T10:30:00.000Z',
        to: '2026-11-25T11:15:00.000Z',
        status: 'outage',
        reason: 'HTTP 503 for 4 fetches',
        reportedAt: '2026-11-25T11:20:00.000Z',
      },
      { msgId: 'collection:flaky' },
    );
    await settled(CONSUMER_DEFINITIONS.trendsCollection);
    const trend = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'topic', id: 'bars' },
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-25T12:00:00Z',
      interval: 'hour',
      timeZone: 'UTC',
    });
    expect(trend.points.map((p) => p.complete)).toEqual([true, false, false]);
    expect(trend.points[1]?.incomplete).toEqual([
      {
        kind: 'outage',
        sourceId: 'flaky.example',
        from: '2026-11-25T10:30:00.000Z',
        to: '2026-11-25T11:15:00.000Z',
        detail: 'HTTP 503 for 4 fetches',
      },
    ]);
    const otherSource = await queries.request(SeriesTrendQueryV1, {
      series: { kind: 'source', id: 'wire' },
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-25T12:00:00Z',
      interval: 'hour',
      timeZone: 'UTC',
    });
    expect(otherSource.points.every((p) => p.complete)).toBe(true);
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
    expect(new Set(await articlesOf(point?.articlesUrl ?? '')).size).toBe(n);
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
      complete: true,
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
