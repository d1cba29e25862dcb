import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleIngestedV1,
  CollectionStatusV1,
  type Namespace,
  STREAMS,
  SUBJECTS,
  type ArticleDetail,
  type ArticleListResponseV1,
  type SeriesTrendResponseV1,
} from '@media-monitor/contracts';
import { LocalSystem } from '@media-monitor/local-infra';
import { EventPublisher } from '@media-monitor/messaging';
import { uniqueNamespace, waitFor, openSseStream } from '@media-monitor/testing';

// The trends API through the gateway's HTTP interface, every service a process on real NATS and
// FerretDB: exact counts when one article arrives from two sources, when two outlets carry one
// story, and when events are delivered again; trend points that link to exactly their articles;
// articles with evidence; the entity summary; live Server-Sent Events with resume.
const HOUR = '2026-11-21T09:00:00.000Z';
const RANGE = 'from=2026-11-21T08:00:00Z&to=2026-11-21T11:00:00Z';
const body =
  'The BARS-Kursk territorial defence battalion held an exercise near Kursk on Saturday. ' +
  'Officials praised the volunteers, while critics called the drill a costly failure.';

describe('trends through the gateway API (every service a process)', () => {
  const ns = uniqueNamespace('t');
  let system: LocalSystem;
  let nc: NatsConnection;
  let publisher: EventPublisher;

  beforeAll(async () => {
    system = await LocalSystem.start({
      namespace: ns.value,
      databasePrefix: ns.value.replace(/-/g, '_'),
      logLevel: 'warn',
      env: { SSE_HEARTBEAT_MS: '1000' },
    });
    nc = await connect({ servers: system.stack.nats.url });
    publisher = new EventPublisher(nc, ns, { producer: 'e2e' });
  }, 360_000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
  }, 60_000);

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${system.url('gateway')}${path}`, {
      ...init,
      headers: { 'x-api-key': system.apiKey, ...(init.headers as Record<string, string>) },
    });
  const json = async <T>(path: string): Promise<T> => {
    const res = await api(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return (await res.json()) as T;
  };
  const post = async (article: Record<string, unknown>) => {
    const res = await fetch(`${system.url('ingest')}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': system.apiKey },
      body: JSON.stringify(article),
    });
    expect(res.status).toBe(202);
    return (await res.json()) as { articleId: string; status: string };
  };
  const hourPoint = async () => {
    const trend = await json<SeriesTrendResponseV1>(`/v1/topics/bars/trends?interval=hour&${RANGE}`);
    return trend.points.find((p) => p.bucketStart === HOUR);
  };
  /** Every article a link lists, page by page (a small page size, so the cursor is followed). */
  const follow = async (link: string): Promise<string[]> => {
    const ids: string[] = [];
    let next: string | null = `${link}&limit=1`;
    while (next) {
      const page: ArticleListResponseV1 = await json<ArticleListResponseV1>(next);
      ids.push(...page.articles.map((a) => a.articleId));
      next = page.nextCursor ? `${link}&limit=1&cursor=${encodeURIComponent(page.nextCursor)}` : null;
    }
    return ids.sort();
  };

  it('counts exactly: one URL from two sources, one story from two outlets, events delivered again', async () => {
    const article = {
      url: 'https://kursk.example.org/news/bars-exercise?utm_source=feed',
      title: 'BARS-Kursk battalion holds exercise',
      body,
      publishedAt: '2026-11-21T09:10:00Z',
      source: { id: 'kursk-news' },
      language: 'en',
    };
    const first = await post(article);
    // The same article from a second source, under its canonical URL: ingest keeps one.
    const second = await post({
      ...article,
      url: 'https://kursk.example.org/news/bars-exercise',
      source: { id: 'aggregator' },
    });
    expect(second).toMatchObject({ articleId: first.articleId, status: 'duplicate' });

    // The same story carried by a second outlet: a distinct article in the story ingest's clustering gave it.
    const carriedUrl = 'https://wire.example.net/2026/11/21/bars-kursk';
    const carried = {
      articleId: createHash('sha256').update(carriedUrl).digest('hex').slice(0, 32),
      url: carriedUrl,
      canonicalUrl: carriedUrl,
      title: article.title,
      body,
      publishedAt: '2026-11-21T09:25:00.000Z',
      ingestedAt: '2026-11-21T09:26:00.000Z',
      language: 'en',
      source: { id: 'wire' },
      contentHash: createHash('sha256').update(`${article.title}\n\n${body}`).digest('hex'),
      storyId: first.articleId,
    };
    await publisher.publish(ArticleIngestedV1, carried, { msgId: carried.articleId });

    const point = await waitFor(async () => ((await hourPoint())?.articles === 2 ? hourPoint() : undefined), {
      timeoutMs: 60_000,
      what: 'both articles counted',
    });
    expect(point).toMatchObject({ articles: 2, stories: 1, publishers: 2, toneCount: 2, complete: true });

    // Redelivery: every analysis event of both articles again, after the de-duplication window (new msgIDs).
    const again = await redeliver(nc, ns, [first.articleId, carried.articleId]);
    expect(again).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // the pipeline has them (and does nothing)
    expect(await hourPoint()).toMatchObject({ articles: 2, stories: 1, publishers: 2, toneCount: 2 });

    // The point links to exactly the articles it counts.
    expect(await follow(point?.articlesUrl ?? '')).toEqual([first.articleId, carried.articleId].sort());
    const csv = await (await api(`/v1/topics/bars/trends?interval=hour&${RANGE}&format=csv`)).text();
    expect(csv.split('\n').find((l) => l.startsWith(HOUR))).toMatch(/^[^,]+,[^,]+,2,1,2,/);

    // Filters narrow the same read model.
    const bySource = await json<ArticleListResponseV1>(`/v1/articles?source=wire&${RANGE}`);
    expect(bySource.articles.map((a) => a.articleId)).toEqual([carried.articleId]);
    const byEntity = await json<ArticleListResponseV1>(`/v1/articles?entity=unit:bars-kursk&language=en&${RANGE}`);
    expect(byEntity.articles).toHaveLength(2);
    const bad = await api('/v1/articles?colour=red');
    expect({ status: bad.status, code: ((await bad.json()) as { error: { code: string } }).error.code }).toEqual({
      status: 400,
      code: 'gateway.invalid_query',
    });
  }, 120_000);

  it('shows an article with the evidence behind its numbers, and an entity with its trend, tone and samples', async () => {
    const list = await json<ArticleListResponseV1>(`/v1/articles?topic=bars&${RANGE}`);
    const id = list.articles[0]?.articleId ?? '';
    const { article } = await json<{ article: ArticleDetail }>(`/v1/articles/${id}`);
    const bars = article.topics.find((t) => t.topicId === 'bars');
    expect(bars?.evidence.length).toBeGreaterThan(0);
    const analysed = `${article.title}\n\n${body}`;
    for (const e of bars?.evidence ?? []) expect(analysed.slice(e.start, e.end)).toBe(e.matchedText);
    const kursk = article.entities.find((e) => e.entityId === 'unit:bars-kursk');
    expect(kursk?.mentions[0]).toMatchObject({ text: expect.stringMatching(/BARS-Kursk/) });
    expect(kursk?.mentions.some((m) => m.tone && m.sentence && analysed.includes(m.sentence))).toBe(true);
    expect((await api(`/v1/articles/${'f'.repeat(32)}`)).status).toBe(404);

    const summary = await json<{
      entityId: string;
      registry: string;
      trend: SeriesTrendResponseV1;
      tone: { articles: number; average: number | null };
      coMentions: Array<{ id: string }>;
      samples: ArticleDetail[];
    }>(`/v1/entities/unit:bars-kursk?interval=hour&${RANGE}&samples=3`);
    expect(summary.entityId).toBe('unit:bars-kursk');
    expect(['ok', 'unavailable', 'unknown']).toContain(summary.registry);
    expect(summary.trend.points.find((p) => p.bucketStart === HOUR)?.articles).toBe(2);
    expect(summary.tone.articles).toBe(2);
    expect(summary.tone.average).not.toBeNull();
    expect(summary.samples.map((s) => s.articleId).sort()).toEqual(list.articles.map((a) => a.articleId).sort());
  }, 60_000);

  it('marks the buckets of a source outage incomplete', async () => {
    await publisher.publish(
      CollectionStatusV1,
      {
        sourceId: 'kursk-news',
        from: '2026-11-21T10:00:00.000Z',
        to: '2026-11-21T10:40:00.000Z',
        status: 'outage',
        reason: 'feed answered HTTP 503',
        reportedAt: '2026-11-21T10:45:00.000Z',
      },
      { msgId: 'collection:kursk-news:1' },
    );
    const trend = await waitFor(
      async () => {
        const t = await json<SeriesTrendResponseV1>(`/v1/topics/bars/trends?interval=hour&${RANGE}`);
        return t.points.some((p) => !p.complete) ? t : undefined;
      },
      { timeoutMs: 20_000, what: 'the outage in the trend' },
    );
    expect(trend.points.map((p) => p.complete)).toEqual([true, true, false]);
    expect(trend.points[2]?.incomplete[0]).toMatchObject({ kind: 'outage', sourceId: 'kursk-news' });
  }, 30_000);

  it('streams new analysed articles of the topic as Server-Sent Events, and resumes after Last-Event-ID', async () => {
    const url = `${system.url('gateway')}/v1/topics/bars/stream?access_token=${encodeURIComponent(system.apiKey)}`;
    expect((await fetch(`${system.url('gateway')}/v1/topics/bars/stream`)).status).toBe(401);
    const first = await openStream(url);
    try {
      const opening = await first.next((t) => /^id: /m.test(t));
      const startId = /^id: (.+)$/m.exec(opening)?.[1] ?? '';
      const posted = await post({
        url: 'https://kursk.example.org/news/bars-live',
        title: 'BARS-Kursk volunteers return',
        body,
        publishedAt: '2026-11-21T10:05:00Z',
        source: { id: 'kursk-news' },
        language: 'en',
      });
      const frame = await first.next((t) => t.includes(posted.articleId), 60_000);
      expect(frame).toMatch(/^event: article$/m);
      await first.next((t) => t.includes(': heartbeat'), 5_000);

      // A client that lost the connection resumes after its last event id and gets the event again.
      const resumed = await openStream(url, startId);
      try {
        expect(await resumed.next((t) => t.includes(posted.articleId), 20_000)).toMatch(/^event: article$/m);
      } finally {
        resumed.close();
      }
    } finally {
      first.close();
    }
  }, 120_000);
});

/** Publishes the article.entities.v1 and article.sentiment.v1 events of the articles again; returns how many. */
async function redeliver(nc: NatsConnection, ns: Namespace, articleIds: string[]): Promise<number> {
  const js = jetstream(nc);
  const consumer = await js.consumers.get(ns.stream(STREAMS.analysis), {
    filter_subjects: [SUBJECTS.articleEntitiesV1, SUBJECTS.articleSentimentV1].map((s) => ns.subject(s)),
  });
  const info = await consumer.info(true);
  let count = 0;
  for (let left = info.num_pending; left > 0; left -= 1) {
    const msg = await consumer.next({ expires: 5_000 });
    if (!msg) break;
    const { articleId } = msg.json<{ articleId: string }>();
    if (!articleIds.includes(articleId)) continue;
    await js.publish(msg.subject, msg.data, { msgID: `again-${msg.seq}` });
    count += 1;
  }
  return count;
}

async function openStream(url: string, lastEventId?: string) {
  const stream = await openSseStream(url, lastEventId ? { 'last-event-id': lastEventId } : {});
  expect(stream.response.status).toBe(200);
  expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return stream;
}
