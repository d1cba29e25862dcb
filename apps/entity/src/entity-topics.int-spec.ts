import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import mongoose from 'mongoose';
import {
  ArticleIngestedV1,
  CONSUMER_DEFINITIONS,
  EntityAliasAddQueryV1,
  EntityUpsertQueryV1,
  STREAMS,
  SUBJECTS,
  TopicBackfillQueryV1,
  TopicCreateQueryV1,
  TopicDryRunQueryV1,
  TopicGetQueryV1,
  TopicListQueryV1,
  TopicUpdateQueryV1,
  type ArticleEntitiesV1,
  type ArticleIngestedV1 as Ingested,
  type ArticleTopicsMatchedV1,
  type TopicChangedV1,
} from '@media-monitor/contracts';
import { EventPublisher, QueryClient, QueryFailedError } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { createEntityService } from './entity.service.js';

const ns = uniqueNamespace();
const database = uniqueDatabaseName('entity');
const HOUR = 3_600_000;

/** Each stored article: every third one names BARS-Kursk (in either script), the rest are about weather. */
const STORED = 36;
const mentionsKursk = (i: number) => i % 3 === 0;
const idOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

function article(key: string, title: string, body: string, language = 'en', hoursAgo = 1): Ingested {
  return {
    articleId: idOf(key),
    url: `https://news.example.org/${key}`,
    canonicalUrl: `https://news.example.org/${key}`,
    title,
    body,
    publishedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    ingestedAt: new Date().toISOString(),
    language,
    source: { id: language === 'ru' ? 'kursk-news' : 'wire' },
    contentHash: createHash('sha256').update(`${title}\n${body}`).digest('hex'),
  };
}

function stored(i: number): Ingested {
  if (!mentionsKursk(i))
    return article(`weather-${i}`, `Weather ${i}`, `Mild weather is expected on day ${i}.`, 'en', i);
  return i % 2 === 0
    ? article(`kursk-${i}`, `Учения ${i}`, `Бойцы «БАРС-Курска» провели учения номер ${i}.`, 'ru', i)
    : article(`kursk-${i}`, `Exercise ${i}`, `Volunteers of BARS-Kursk trained, exercise ${i}.`, 'en', i);
}

const env = (overrides: Record<string, string> = {}) => ({
  ...serviceTestEnv(ns.value, database),
  ENTITY_CATALOG_REFRESH_MS: '200',
  ENTITY_BACKFILL_POLL_MS: '200',
  ENTITY_BACKFILL_PAGE_SIZE: '4',
  ENTITY_BACKFILL_PAUSE_MS: '150',
  ENTITY_BACKFILL_LEASE_MS: '3000',
  ...overrides,
});

describe('entity service: alias registry, topic versions, dry run and backfill (real NATS and FerretDB)', () => {
  let nc: NatsConnection;
  let service: RunningService | undefined;
  let publisher: EventPublisher;
  let queries: QueryClient;
  const subscriptions: Subscription[] = [];
  const entitiesById = new Map<string, ArticleEntitiesV1>();
  const matchedEvents: ArticleTopicsMatchedV1[] = [];
  const changes: TopicChangedV1[] = [];

  const collect = <T>(subject: string, sink: (value: T) => void) => {
    const subscription = nc.subscribe(ns.subject(subject));
    subscriptions.push(subscription);
    void (async () => {
      for await (const msg of subscription) sink(msg.json<T>());
    })();
  };

  const analysed = (articles: Ingested[]) =>
    waitFor(() => (articles.every((a) => entitiesById.has(a.articleId)) ? true : undefined), {
      timeoutMs: 30_000,
      what: `${articles.length} articles analysed`,
    });

  const publish = async (articles: Ingested[]) => {
    for (const a of articles) await publisher.publish(ArticleIngestedV1, a, { msgId: a.articleId });
    await analysed(articles);
  };

  const backfillOf = async (topicId: string, version: number) =>
    (await queries.request(TopicBackfillQueryV1, { topicId })).backfills.find((b) => b.version === version);

  const activeVersionIs = (topicId: string, version: number) =>
    waitFor(
      async () => {
        const { topic } = await queries.request(TopicGetQueryV1, { topicId });
        return topic?.activeVersion === version ? topic : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 100, what: `${topicId}@${version} active` },
    );

  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
    collect<ArticleEntitiesV1>(SUBJECTS.articleEntitiesV1, (e) => entitiesById.set(e.articleId, e));
    collect<ArticleTopicsMatchedV1>(SUBJECTS.articleTopicsMatchedV1, (e) => matchedEvents.push(e));
    collect<TopicChangedV1>(SUBJECTS.topicChangedV1, (e) => changes.push(e));
    await nc.flush();
    service = await startServiceInProcess(createEntityService(env()));
    publisher = new EventPublisher(nc, ns, { producer: 'test' });
    queries = new QueryClient(nc, ns, { timeoutMs: 15_000 });
    await publish(Array.from({ length: STORED }, (_, i) => stored(i)));
  }, 120_000);

  afterAll(async () => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await service?.close();
    await nc?.close();
  });

  it('seeds the BARS topic active at version 1, announces it, and matches live articles with their version', async () => {
    const { topics } = await queries.request(TopicListQueryV1, {});
    expect(topics.map((t) => t.topicId)).toContain('bars');
    expect(topics.find((t) => t.topicId === 'bars')).toMatchObject({
      name: 'Regional defence units (BARS)',
      version: 1,
      activeVersion: 1,
      liveVersions: [1],
      backfill: null,
    });
    // Announced on the TOPICS stream once the streams exist (the outbox relay after start).
    const jsm = await jetstreamManager(nc);
    const last = await waitFor(
      async () =>
        (await jsm.streams.getMessage(ns.stream(STREAMS.topics), {
          last_by_subj: ns.subject(SUBJECTS.topicChangedV1),
        })) ?? undefined,
      { what: 'topic.changed.v1 of the seed topic' },
    );
    expect(last.json<TopicChangedV1>()).toMatchObject({ topicId: 'bars', activeVersion: 1, liveVersions: [1] });
    const kursk = entitiesById.get(stored(3).articleId);
    expect(kursk?.topics).toEqual([
      expect.objectContaining({ topicId: 'bars', version: 1, matched: expect.arrayContaining(['BARS-Kursk']) }),
    ]);
    expect(entitiesById.get(stored(1).articleId)?.topics).toEqual([]);
  });

  it('refuses a query that does not parse, saying where', async () => {
    const attempt = queries.request(TopicDryRunQueryV1, {
      query: 'BARS AND (Kursk OR',
      languages: [],
      sourceIds: [],
      samples: 1,
    });
    await expect(attempt).rejects.toBeInstanceOf(QueryFailedError);
    await expect(attempt).rejects.toMatchObject({
      code: 'topic.invalid_query',
      details: { position: 18, token: '', queryCode: 'query.syntax' },
    });
    await expect(
      queries.request(TopicCreateQueryV1, {
        topic: { topicId: 'ghost', name: 'Ghost', query: 'entity:nobody', languages: [], sourceIds: [] },
      }),
    ).rejects.toMatchObject({
      code: 'topic.invalid_query',
      details: { position: 0, queryCode: 'query.unknown-entity' },
    });
  });

  it('dry-runs a query over the stored articles: count, window and samples with evidence', async () => {
    const result = await queries.request(TopicDryRunQueryV1, {
      query: 'entity:unit:bars-kursk',
      languages: [],
      sourceIds: [],
      samples: 3,
    });
    const expected = Array.from({ length: STORED }, (_, i) => i).filter(mentionsKursk).length;
    expect(result).toMatchObject({ scanned: STORED, matched: expected, complete: true, window: { limit: 10_000 } });
    expect(result.samples).toHaveLength(3);
    // Most recent first: stored(0) is an hour old, stored(3) four hours.
    expect(result.samples.map((s) => s.articleId)).toEqual([0, 3, 6].map((i) => stored(i).articleId));
    for (const [k, sample] of result.samples.entries()) {
      const text = `${sample.title}\n\n${stored(3 * k).body}`;
      for (const e of sample.evidence) expect(text.slice(e.start, e.end)).toBe(e.matchedText);
      expect(sample.evidence[0]).toMatchObject({ term: 'entity:unit:bars-kursk', entityId: 'unit:bars-kursk' });
    }
    const russian = await queries.request(TopicDryRunQueryV1, {
      query: 'учения',
      languages: ['ru'],
      sourceIds: [],
      samples: 0,
      articles: 10,
    });
    // Only the ten most recent are scanned (stored 0..9); of those the Russian ones are 0 and 6.
    expect(russian).toMatchObject({ scanned: 10, matched: 2, window: { limit: 10 } });
  });

  it('backfills a new topic over the stored articles, publishes each match once, then activates it', async () => {
    const { topic } = await queries.request(TopicCreateQueryV1, {
      topic: { name: 'Kursk unit', query: 'entity:unit:bars-kursk', languages: [], sourceIds: [] },
    });
    expect(topic).toMatchObject({ topicId: 'kursk-unit', version: 1, activeVersion: null, liveVersions: [1] });
    expect(topic.backfill).toMatchObject({ status: 'waiting', scanned: 0 });
    const active = await activeVersionIs('kursk-unit', 1);
    expect(active.backfill).toMatchObject({ status: 'completed', scanned: STORED, total: STORED, percent: 100 });
    const expected = Array.from({ length: STORED }, (_, i) => i)
      .filter(mentionsKursk)
      .map((i) => stored(i).articleId);
    const mine = matchedEvents.filter((e) => e.topics[0]?.topicId === 'kursk-unit');
    expect(mine.map((e) => e.articleId).sort()).toEqual([...expected].sort());
    for (const event of mine) {
      expect(event.topics).toEqual([
        expect.objectContaining({
          topicId: 'kursk-unit',
          version: 1,
          evidence: [expect.objectContaining({ entityId: 'unit:bars-kursk' })],
        }),
      ]);
    }
    expect(active.backfill?.matched).toBe(expected.length);
    // Changes go out through the change log after they are stored: wait for the activation's announcement.
    const announced = await waitFor(
      () => {
        const mine = changes.filter((c) => c.topicId === 'kursk-unit');
        return mine.some((c) => c.activeVersion === 1) ? mine : undefined;
      },
      { timeoutMs: 15_000, what: 'topic.changed.v1 announcing kursk-unit@1 active' },
    );
    expect(announced.map((c) => [c.activeVersion, c.liveVersions])).toEqual([
      [null, [1]],
      [1, [1]],
    ]);
  });

  it('resumes a backfill stopped mid-way from its cursor, and matches new articles live with every live version', async () => {
    const before = matchedEvents.length;
    const { topic, newVersion } = await queries.request(TopicUpdateQueryV1, {
      topicId: 'kursk-unit',
      topic: { name: 'Kursk unit', query: 'entity:unit:bars-kursk OR weather', languages: [], sourceIds: [] },
    });
    expect({
      newVersion,
      version: topic.version,
      activeVersion: topic.activeVersion,
      live: topic.liveVersions,
    }).toEqual({ newVersion: true, version: 2, activeVersion: 1, live: [1, 2] });
    const fresh = stored(301); // about the weather, so only version 2 matches
    await publish([fresh]);
    expect(entitiesById.get(fresh.articleId)?.topics.filter((t) => t.topicId === 'kursk-unit')).toEqual([
      expect.objectContaining({ version: 2, matched: expect.arrayContaining(['weather']) }),
    ]);

    const midway = await waitFor(
      async () => {
        const progress = await backfillOf('kursk-unit', 2);
        return progress && progress.scanned >= 8 ? progress : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 20, what: 'the version 2 backfill under way' },
    );
    await service?.close();
    service = undefined;
    // Nobody answers queries now: read the stored progress itself.
    const db = await mongoose.createConnection(testInfra().mongoUri, { dbName: database }).asPromise();
    const stopped = await db
      .collection<{ _id: string; status: string; scanned: number; cursor: string }>('topic_backfills')
      .findOne({ _id: 'kursk-unit@2' });
    await db.close();
    expect(stopped).toMatchObject({ status: 'running', cursor: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(stopped?.scanned).toBeGreaterThanOrEqual(midway.scanned);
    expect(stopped?.scanned).toBeLessThan(STORED + 1);

    service = await startServiceInProcess(createEntityService(env()));
    const active = await activeVersionIs('kursk-unit', 2);
    // Scanned once in all: the second process went on from the cursor instead of starting again.
    expect(active.backfill).toMatchObject({ status: 'completed', scanned: STORED + 1, matched: STORED + 1 });
    expect(active.liveVersions).toEqual([2]);
    const v2 = matchedEvents.slice(before).filter((e) => e.topics[0]?.version === 2);
    const ids = new Set(v2.map((e) => e.articleId));
    expect(ids.size).toBe(STORED + 1);
    expect(v2.length).toBeLessThanOrEqual(STORED + 1 + 4); // at most the page in hand when it stopped, again
  });

  it('lets an alias edit reach the next article: a new alias makes it match entity: in a topic', async () => {
    await queries.request(EntityUpsertQueryV1, {
      entity: {
        entityId: 'unit:storm',
        type: 'UNIT',
        name: 'Storm Brigade',
        aliases: [{ text: 'Storm Brigade', caseSensitive: false, lang: 'en' }],
      },
    });
    await queries.request(TopicCreateQueryV1, {
      topic: { topicId: 'storm', name: 'Storm', query: 'entity:unit:storm', languages: [], sourceIds: [] },
    });
    const first = article('storm-1', 'Шторм', 'Бригада «Шторм» заняла позиции.', 'ru');
    await publish([first]);
    expect(entitiesById.get(first.articleId)?.topics.map((t) => t.topicId)).not.toContain('storm');

    const added = await queries.request(EntityAliasAddQueryV1, {
      entityId: 'unit:storm',
      alias: { text: 'Шторм', caseSensitive: false, lang: 'ru' },
    });
    expect(added.entity.aliases.map((a) => [a.text, a.script])).toEqual([
      ['Storm Brigade', 'Latin'],
      ['Шторм', 'Cyrillic'],
    ]);
    const second = article('storm-2', 'Новости', 'Бригада «Шторма» отошла.', 'ru');
    await publish([second]);
    const analysis = entitiesById.get(second.articleId);
    expect(analysis?.entities.map((e) => e.entityId)).toContain('unit:storm');
    expect(analysis?.topics).toContainEqual(
      expect.objectContaining({
        topicId: 'storm',
        version: 1,
        evidence: [
          expect.objectContaining({ term: 'entity:unit:storm', matchedText: 'Шторма', entityId: 'unit:storm' }),
        ],
      }),
    );
  });

  it('refuses an alias that already names another entity of the same type', async () => {
    await expect(
      queries.request(EntityUpsertQueryV1, {
        entity: {
          entityId: 'unit:kursk-volunteers',
          type: 'UNIT',
          name: 'Kursk volunteers',
          aliases: [{ text: 'БАРСа-Курска', caseSensitive: false }],
        },
      }),
    ).rejects.toMatchObject({
      code: 'entity.alias_conflict',
      details: { conflicts: [{ alias: 'БАРСа-Курска', entityId: 'unit:bars-kursk' }] },
    });
    // Another type may share the spelling (a place and a unit named alike).
    const place = await queries.request(EntityUpsertQueryV1, {
      entity: { entityId: 'loc:storm', type: 'LOC', name: 'Storm', aliases: [{ text: 'Шторм', caseSensitive: false }] },
    });
    expect(place.created).toBe(true);
  });

  it('keeps the consumer caught up (nothing left pending or dead-lettered)', async () => {
    const jsm = await jetstreamManager(nc);
    const consumer = CONSUMER_DEFINITIONS.entityArticles;
    const info = await jsm.consumers.info(ns.stream(consumer.stream), ns.durable(consumer.durable));
    expect({ pending: info.num_pending, ackPending: info.num_ack_pending }).toEqual({ pending: 0, ackPending: 0 });
  });
});
