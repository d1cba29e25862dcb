import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleEntitiesV1,
  ArticleSentimentV1,
  CollectionStatusV1,
  type ArticleEntitiesV1 as Entities,
  type ArticleSentimentV1 as Sentiment,
  type SeriesTrendResponseV1,
} from '@media-monitor/contracts';
import { LocalSystem } from '@media-monitor/local-infra';
import { EventPublisher } from '@media-monitor/messaging';
import { uniqueNamespace, waitFor, openSseStream } from '@media-monitor/testing';

// The gateway's trend answer cache, through its HTTP interface, with trends and the gateway as
// processes on real NATS and FerretDB. The cache keeps answers a minute here, so only the eviction
// on article.analyzed.v1 can explain an answer that follows a new article.
const HOUR = '2026-11-22T09:00:00.000Z';
const TREND = '/v1/topics/bars/trends?interval=hour&from=2026-11-22T08:00:00Z&to=2026-11-22T11:00:00Z';
const articleId = (i: number) => i.toString(16).padStart(32, 'c');

function analyses(i: number): [Entities, Sentiment] {
  const common = {
    articleId: articleId(i),
    publishedAt: `2026-11-22T09:${String(10 + i).padStart(2, '0')}:00.000Z`,
    language: 'en',
    analyzer: { name: 'e2e', version: '1' },
  };
  return [
    {
      ...common,
      source: { id: 'kursk-news' },
      url: `https://kursk.example.org/news/cache-${i}`,
      title: 'BARS-Kursk',
      body: 'A report on BARS-Kursk.',
      entities: [
        {
          entityId: 'unit:bars-kursk',
          name: 'BARS-Kursk',
          type: 'UNIT',
          mentions: [{ text: 'BARS-Kursk', start: 0, end: 10 }],
        },
      ],
      topics: [{ topicId: 'bars', version: 1, matched: ['BARS'], evidence: [] }],
    },
    {
      ...common,
      document: { score: 0.5, label: 'positive', confidence: 0.9 },
      sentences: [],
      entities: [],
    },
  ];
}

describe('gateway trend answer cache (trends and gateway as processes)', () => {
  const ns = uniqueNamespace('c');
  let system: LocalSystem;
  let nc: NatsConnection;
  let publisher: EventPublisher;

  beforeAll(async () => {
    system = await LocalSystem.start({
      namespace: ns.value,
      databasePrefix: ns.value.replace(/-/g, '_'),
      logLevel: 'warn',
      services: ['trends', 'gateway'],
      env: { TREND_CACHE_MS: '60000', TREND_CACHE_STALE_MS: '0', SSE_HEARTBEAT_MS: '1000' },
    });
    nc = await connect({ servers: system.stack.nats.url });
    publisher = new EventPublisher(nc, ns, { producer: 'e2e' });
  }, 360_000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
  }, 60_000);

  const analyse = async (i: number) => {
    const [entities, sentiment] = analyses(i);
    await publisher.publish(ArticleEntitiesV1, entities, { msgId: `entities:${entities.articleId}` });
    await publisher.publish(ArticleSentimentV1, sentiment, { msgId: `sentiment:${sentiment.articleId}` });
  };
  const articlesInHour = async () => {
    const res = await fetch(`${system.url('gateway')}${TREND}`, { headers: { 'x-api-key': system.apiKey } });
    expect(res.status).toBe(200);
    const trend = (await res.json()) as SeriesTrendResponseV1;
    return trend.points.find((p) => p.bucketStart === HOUR)?.articles;
  };

  it('replaces a cached answer once an analysed article of the topic arrives', async () => {
    const stream = await openStream(
      `${system.url('gateway')}/v1/topics/bars/stream?access_token=${encodeURIComponent(system.apiKey)}`,
    );
    try {
      await stream.next((frame) => /^id: /m.test(frame));
      await analyse(1);
      await stream.next((frame) => frame.includes(articleId(1)), 60_000);
      expect(await articlesInHour()).toBe(1);
      expect(await articlesInHour()).toBe(1);
      // The cached answer as bytes and as gzip, the same JSON.
      const plain = await fetch(`${system.url('gateway')}${TREND}`, {
        headers: { 'x-api-key': system.apiKey, 'accept-encoding': 'identity' },
      });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
      const gzipped = await fetch(`${system.url('gateway')}${TREND}`, {
        headers: { 'x-api-key': system.apiKey, 'accept-encoding': 'gzip' },
      });
      expect(gzipped.headers.get('content-encoding')).toBe('gzip');
      expect(await gzipped.json()).toEqual(await plain.json());

      // The dashboard's case: the page hears of the article on the stream and asks again at once.
      await analyse(2);
      await stream.next((frame) => frame.includes(articleId(2)), 60_000);
      expect(await articlesInHour()).toBe(2);
    } finally {
      stream.close();
    }

    // A client without a stream: the gateway's own follower of article.analyzed.v1 evicts the answer.
    await analyse(3);
    await waitFor(async () => ((await articlesInHour()) === 3 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: 'the third article in the cached trend',
    });

    // The answer really is cached: with trends stopped, the gateway still has it.
    await system.services.get('trends')?.process.stop();
    expect(await articlesInHour()).toBe(3);
  }, 180_000);

  // Trends is stopped now (the test above): any 200 below comes from the gateway's cache.
  it('sends a kept answer ahead of Nest only to a valid key, with the API headers; a collection gap drops it', async () => {
    const ask = (headers: Record<string, string>, path = TREND) =>
      fetch(`${system.url('gateway')}${path}`, { headers });
    const kept = await ask({ 'x-api-key': system.apiKey });
    expect(kept.status).toBe(200);
    expect(kept.headers.get('x-content-type-options')).toBe('nosniff');
    expect(kept.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(kept.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(((await kept.json()) as SeriesTrendResponseV1).points.find((p) => p.bucketStart === HOUR)?.articles).toBe(3);

    const refused = [
      await ask({}),
      await ask({ 'x-api-key': 'mm_0000000000000000_not-a-key' }),
      // Trend routes take no key in the query string, cached or not.
      await ask({}, `${TREND}&access_token=${encodeURIComponent(system.apiKey)}`),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401]);
    const codes = await Promise.all(
      refused.map(async (r) => ((await r.json()) as { error: { code: string } }).error.code),
    );
    expect(codes).toEqual(['auth.invalid_key', 'auth.invalid_key', 'auth.invalid_key']);

    // An outage reported for the range: the answer goes (no trends to ask again: no 200 any more).
    await publisher.publish(
      CollectionStatusV1,
      {
        sourceId: 'kursk-news',
        from: '2026-11-22T08:00:00.000Z',
        to: '2026-11-22T08:30:00.000Z',
        status: 'outage',
        reason: 'HTTP 503 for 3 fetches',
        reportedAt: new Date().toISOString(),
      },
      { msgId: `collection:kursk-news:${ns.value}` },
    );
    await waitFor(async () => ((await ask({ 'x-api-key': system.apiKey })).status !== 200 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: 'the kept answer dropped after the collection gap',
    });
  }, 120_000);
});

async function openStream(url: string) {
  const stream = await openSseStream(url);
  expect(stream.response.status).toBe(200);
  return stream;
}
