import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import mongoose, { type Connection } from 'mongoose';
import {
  ArticleIngestedV1,
  STREAM_DEFINITIONS,
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourcesUpsertQueryV1,
  type ArticleIngestedV1 as Ingested,
} from '@media-monitor/contracts';
import { QueryClient, provisionTopology } from '@media-monitor/messaging';
import { issueApiKey, startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { createIngestService } from '../ingest.service.js';
import { FixtureSite, paragraphs, rss2 } from '../../test/fixture-site.js';

const ns = uniqueNamespace('dup');
const dbName = uniqueDatabaseName('ingest_dedup');
// The admin key both replicas store at start (hashed) and accept.
const apiKey = issueApiKey().token;

const WIRE = [
  'Kaliningrad region governor Alexei Besprozvannikov said on Tuesday that he had joined the BARS-Kaliningrad territorial defence battalion, a reserve unit formed under a Ministry of Defence programme.',
  'Members of the regional government signed contracts as well, the governor wrote on his Telegram channel.',
  'The battalion recruits volunteers from the region for short contracts and trains them at a range near the city.',
  'Officials said the first training cycle would last several weeks and that the volunteers would keep their civilian jobs.',
  'The programme began in several regions last year, including the Kursk and Belgorod regions, where similar battalions were formed.',
].join('\n\n');

/** Syndicated copies: a dateline added, a word changed, the last paragraph cut. */
const copy = (n: number) =>
  `KALININGRAD, copy ${n} (Fixture Wire).\n\n${WIRE.replace('formed under', n % 2 ? 'created under' : 'set up under').replace(/\n\nThe programme began[^]*$/, '')}`;

describe('exact duplicates and stories across two ingest replicas (real NATS and FerretDB)', () => {
  let nc: NatsConnection;
  let db: Connection;
  let replicas: RunningService[] = [];
  let site: FixtureSite;
  let queries: QueryClient;
  const events: Ingested[] = [];
  let wireId: unknown;

  const post = async (replica: number, body: unknown, query = '') => {
    const res = await fetch(`${replicas[replica]!.url}/v1/articles${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const article = (url: string, sourceId: string, body = WIRE, title = 'Governor joins BARS-Kaliningrad') => ({
    url,
    title,
    body,
    publishedAt: '2026-11-24T09:00:00Z',
    source: { id: sourceId, name: sourceId.toUpperCase() },
  });

  beforeAll(async () => {
    const { natsUrl, mongoUri } = testInfra();
    nc = await connect({ servers: natsUrl });
    await provisionTopology(nc, ns, [STREAM_DEFINITIONS.articles], []);
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(ns.stream(STREAM_DEFINITIONS.articles.name), {
      durable_name: 'probe',
      ack_policy: 'explicit' as never,
    });
    void (async () => {
      const consumer = await jetstream(nc).consumers.get(ns.stream(STREAM_DEFINITIONS.articles.name), 'probe');
      for await (const m of (await consumer.consume()) as AsyncIterable<JsMsg>) {
        events.push(ArticleIngestedV1.schema.parse(m.json()));
        m.ack();
      }
    })();
    db = await mongoose.createConnection(mongoUri, { dbName }).asPromise();
    site = await FixtureSite.start();
    const env = {
      ...serviceTestEnv(ns.value, dbName),
      API_KEYS_DB: dbName,
      API_BOOTSTRAP_KEY: apiKey,
      FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.0/8',
      FETCH_TICK_MS: '50',
      FETCH_HOST_DELAY_MS: '0',
    };
    replicas = [
      await startServiceInProcess(createIngestService(env)),
      await startServiceInProcess(createIngestService(env)),
    ];
    queries = new QueryClient(nc, ns, { timeoutMs: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await db?.dropDatabase();
    await db?.close();
    await nc?.close();
    await site?.stop();
  });

  it('stores an article carried by two sources once, lists both sources, publishes it once', async () => {
    const first = await post(0, article('https://www.wire.example/news/bars?utm_source=tg', 'wire'));
    const second = await post(1, article('https://m.wire.example/news/bars/', 'daily'));
    // The same text under another URL, with other whitespace and quotes: an exact duplicate too.
    const third = await post(
      1,
      article('https://reprint.example/2026/bars-governor', 'reprint', WIRE.replace(/\n\n/g, '\n').replace(/,/g, ' ,')),
    );
    expect(first).toMatchObject({ status: 202, json: { status: 'accepted', published: true } });
    const id = first.json['articleId'];
    wireId = id;
    expect(second.json).toMatchObject({
      articleId: id,
      status: 'duplicate',
      published: true,
      storyId: first.json['storyId'],
    });
    expect(third.json).toMatchObject({ articleId: id, status: 'duplicate' });
    const carriers = await db.collection('article_carriers').find({ articleId: id }).sort({ firstSeenAt: 1 }).toArray();
    expect(carriers.map((c) => c['sourceId']).sort()).toEqual(['daily', 'reprint', 'wire']);
    await waitFor(() => (events.some((e) => e.articleId === id) ? true : undefined), { what: 'the event' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.filter((e) => e.articleId === id || e.url.includes('reprint'))).toHaveLength(1);
    expect(events.find((e) => e.articleId === id)?.source).toEqual({ id: 'wire', name: 'WIRE' });
  });

  it('gives light edits of a wire story one story id, on either replica, also when posted at the same moment', async () => {
    const original = await post(
      0,
      article(
        'https://origin.example/bars',
        'origin',
        `${WIRE}\n\nA sixth paragraph only the original has, about the training range and its history.`,
      ),
    );
    // The wire article of the first test, plus a paragraph: the same story.
    const storyId = original.json['storyId'];
    expect(original.json['status']).toBe('accepted');
    expect(storyId).toBe(wireId);
    const copies = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        post(n % 2, article(`https://outlet${n}.example/bars`, `outlet${n}`, copy(n), `Copy ${n}`)),
      ),
    );
    expect(copies.map((c) => c.json['status'])).toEqual(Array(6).fill('accepted'));
    expect(copies.map((c) => c.json['storyId'])).toEqual(Array(6).fill(storyId));
    // Copies that arrive together, before any of their kind is stored, still agree with each other.
    const fresh = (n: number) =>
      article(
        `https://late${n}.example/kursk`,
        `late${n}`,
        paragraphs('BARS-Kursk', 40, 8)
          .join(' ')
          .replace('Officials', n === 1 ? 'Officials' : 'The officials'),
        `Kursk ${n}`,
      );
    const together = await Promise.all([post(0, fresh(1)), post(1, fresh(2))]);
    expect(together[0]!.json['storyId']).toBe(together[1]!.json['storyId']);
    const unrelated = await post(
      1,
      article('https://other.example/snow', 'other', paragraphs('the snowfall in Kursk', 3, 8).join(' '), 'Snow'),
    );
    expect(unrelated.json['storyId']).toBe(unrelated.json['articleId']);
    // A retry (or a redelivery) of a copy gets the same story id again.
    const retry = await post(0, article('https://outlet3.example/bars', 'outlet3', copy(3), 'Copy 3'));
    expect(retry.json).toMatchObject({ status: 'duplicate', storyId });
    await waitFor(() => (events.filter((e) => e.storyId === storyId).length >= 8 ? true : undefined), {
      what: 'eight events',
    });
  });

  it('answers a partial batch item by item', async () => {
    const { status, json } = await post(
      0,
      {
        articles: [
          article('https://batch.example/1', 'batch', paragraphs('Kaliningrad', 50).join(' '), 'One'),
          { url: 'x' },
          article('ftp://batch.example/2', 'batch'),
        ],
      },
      '?partial=true',
    );
    expect(status).toBe(202);
    expect(json['results']).toEqual([
      expect.objectContaining({ index: 0, status: 'accepted' }),
      expect.objectContaining({
        index: 1,
        status: 'rejected',
        error: expect.objectContaining({ code: 'ingest.invalid_article' }),
      }),
      expect.objectContaining({
        index: 2,
        status: 'rejected',
        error: expect.objectContaining({ code: 'ingest.invalid_url' }),
      }),
    ]);
  });

  it('processes a batch concurrently yet answers every article as if posted one after the other', async () => {
    const text = (topic: string, n: number) => paragraphs(topic, 30 + 7 * n, 8).join(' ') + ` Batch note ${n}.`;
    const articles = [
      article('https://concurrent.example/a', 'c1', text('the Baltic fleet exercise', 1), 'A'),
      article('https://concurrent.example/b', 'c2', text('the regional budget hearing', 2), 'B'),
      // The URL of the first again (another tracking parameter), from another source.
      article('https://concurrent.example/a?utm_medium=social', 'c3', text('the Baltic fleet exercise', 1), 'A again'),
      // The text of the second under another URL: an exact copy.
      article('https://reprint.concurrent.example/b', 'c4', text('the regional budget hearing', 2), 'B'),
      // A light edit of the second: a new article in the second's story.
      article(
        'https://edit.concurrent.example/b',
        'c5',
        text('the regional budget hearing', 2).replace('Batch', 'The'),
        'B',
      ),
      ...[6, 7, 8, 9, 10, 11].map((n) =>
        article(
          `https://concurrent.example/u${n}`,
          `c${n}`,
          text(`unrelated topic number ${n} of the batch`, n),
          `U${n}`,
        ),
      ),
    ];
    const { status, json } = await post(0, { articles });
    expect(status).toBe(202);
    const results = json['results'] as Array<{ articleId: string; status: string; storyId: string }>;
    expect(results.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
      'duplicate',
      'duplicate',
      'accepted',
      ...Array(6).fill('accepted'),
    ]);
    expect(results[2]!.articleId).toBe(results[0]!.articleId);
    expect(results[3]!.articleId).toBe(results[1]!.articleId);
    expect(results[4]!.storyId).toBe(results[1]!.storyId);
    expect(new Set(results.slice(5).map((r) => r.storyId)).size).toBe(6);
    const carriers = await db
      .collection('article_carriers')
      .find({ articleId: { $in: [results[0]!.articleId, results[1]!.articleId] } })
      .toArray();
    expect(carriers.map((c) => c['sourceId']).sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    const ids = new Set(results.map((r) => r.articleId));
    await waitFor(() => (events.filter((e) => ids.has(e.articleId)).length >= 9 ? true : undefined), {
      what: 'nine events',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.filter((e) => ids.has(e.articleId))).toHaveLength(9);
  });

  it('leaves nothing in the outbox, and its relay finishes an article whose announcement was interrupted', async () => {
    const outbox = db.collection<{ _id: string; at: Date }>('article_outbox');
    // Every article posted so far is announced: the outbox holds only its fill marker.
    expect((await outbox.find().toArray()).map((entry) => entry._id)).toEqual(['#filled-from-articles']);
    const { json } = await post(
      1,
      article('https://relay.example/one', 'relay', paragraphs('the relay', 61, 8).join(' ')),
    );
    const id = json['articleId'] as string;
    // As after a crash between storing and announcing: unannounced, with its entry; plus an
    // entry whose article was never stored.
    const longAgo = new Date(Date.now() - 3_600_000);
    await db.collection('articles').updateOne({ _id: id as never }, { $set: { announcedAt: null } });
    await outbox.insertMany([
      { _id: id, at: longAgo },
      { _id: 'never-stored', at: longAgo },
    ]);
    await waitFor(
      async () => ((await outbox.countDocuments({ _id: { $ne: '#filled-from-articles' } })) === 0 ? true : undefined),
      { what: 'the relay to empty the outbox', timeoutMs: 30_000 },
    );
    const doc = await db.collection('articles').findOne({ _id: id as never });
    expect(doc?.['announcedAt']).toBeInstanceOf(Date);
  }, 40_000);

  it('fetches each scheduled slot once although two replicas run the scheduler', async () => {
    site.route('/feed.xml', {
      body: rss2([
        {
          title: 'Once',
          link: 'https://once.example/1',
          description: paragraphs('Kursk', 60, 14).join(' '),
          pubDate: new Date().toUTCString(),
        },
      ]),
    });
    site.route('/robots.txt', { status: 404 });
    await queries.request(SourcesUpsertQueryV1, {
      source: {
        sourceId: 'once',
        type: 'feed',
        name: 'Once',
        url: `${site.url}/feed.xml`,
        enabled: true,
        fetchArticles: 'never',
        maxItemAgeHours: 72,
        minIntervalSeconds: 3600,
      },
    });
    for (let round = 1; round <= 5; round++) {
      await waitFor(
        async () =>
          (await queries.request(SourceGetQueryV1, { sourceId: 'once' })).runs.length >= round ? true : undefined,
        {
          what: `run ${round}`,
        },
      );
      if (round < 5) await queries.request(SourceFetchNowQueryV1, { sourceId: 'once' });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { runs } = await queries.request(SourceGetQueryV1, { sourceId: 'once' });
    expect(runs).toHaveLength(5);
    expect(site.hits('/feed.xml')).toBe(5);
    expect(runs.filter((r) => r.newItems === 1)).toHaveLength(1);
  }, 60_000);
});
