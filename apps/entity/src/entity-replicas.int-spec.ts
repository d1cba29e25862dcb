import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  ArticleIngestedV1,
  EntityUpsertQueryV1,
  SUBJECTS,
  TopicCreateQueryV1,
  TopicGetQueryV1,
  type ArticleEntitiesV1,
  type ArticleIngestedV1 as Ingested,
  type ArticleTopicsMatchedV1,
} from '@media-monitor/contracts';
import { EventPublisher, QueryClient } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { MatchingCatalog } from './catalog/application/matching-catalog.js';
import { createEntityService } from './entity.service.js';

const ns = uniqueNamespace();
const database = uniqueDatabaseName('entity2');
const REFRESH_MS = 300;

const article = (i: number, body: string): Ingested => {
  const url = `https://replicas.example.org/${i}`;
  return {
    articleId: createHash('sha256').update(url).digest('hex').slice(0, 32),
    url,
    canonicalUrl: url,
    title: `Report ${i}`,
    body,
    publishedAt: new Date(Date.now() - i * 60_000).toISOString(),
    ingestedAt: new Date().toISOString(),
    language: 'en',
    source: { id: 'wire' },
    contentHash: createHash('sha256').update(body).digest('hex'),
  };
};

describe('two entity replicas on one database (real NATS and FerretDB)', () => {
  let nc: NatsConnection;
  const replicas: RunningService[] = [];
  const subscriptions: Subscription[] = [];
  const analyses = new Map<string, ArticleEntitiesV1>();
  const matched: ArticleTopicsMatchedV1[] = [];
  let publisher: EventPublisher;
  let queries: QueryClient;

  const collect = <T>(subject: string, sink: (value: T) => void) => {
    const subscription = nc.subscribe(ns.subject(subject));
    subscriptions.push(subscription);
    void (async () => {
      for await (const msg of subscription) sink(msg.json<T>());
    })();
  };

  const publish = async (articles: Ingested[]) => {
    for (const a of articles) await publisher.publish(ArticleIngestedV1, a, { msgId: a.articleId });
    await waitFor(() => (articles.every((a) => analyses.has(a.articleId)) ? true : undefined), {
      timeoutMs: 30_000,
      what: 'articles analysed',
    });
  };

  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
    collect<ArticleEntitiesV1>(SUBJECTS.articleEntitiesV1, (e) => analyses.set(e.articleId, e));
    collect<ArticleTopicsMatchedV1>(SUBJECTS.articleTopicsMatchedV1, (e) => matched.push(e));
    await nc.flush();
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startServiceInProcess(
          createEntityService({
            ...serviceTestEnv(ns.value, database),
            CONSUMER_CONCURRENCY: '2',
            ENTITY_CATALOG_REFRESH_MS: String(REFRESH_MS),
            ENTITY_BACKFILL_POLL_MS: '200',
            ENTITY_BACKFILL_PAGE_SIZE: '5',
            ENTITY_BACKFILL_PAUSE_MS: '50',
          }),
        ),
      );
    }
    publisher = new EventPublisher(nc, ns, { producer: 'test' });
    queries = new QueryClient(nc, ns, { timeoutMs: 15_000 });
    await publish(
      Array.from({ length: 30 }, (_, i) => article(i, i % 2 ? 'Storm Brigade crossed the river.' : 'Calm day.')),
    );
  }, 120_000);

  afterAll(async () => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    for (const replica of replicas) await replica.close();
    await nc?.close();
  });

  it('brings a registry change to both replicas within seconds, so every next article uses it', async () => {
    const revisionOf = (replica: RunningService) => replica.app.get(MatchingCatalog).current().registryRevision;
    const before = replicas.map(revisionOf);
    expect(before[0]).toBe(before[1]);
    const changedAt = Date.now();
    await queries.request(EntityUpsertQueryV1, {
      entity: {
        entityId: 'unit:storm',
        type: 'UNIT',
        name: 'Storm Brigade',
        aliases: [{ text: 'Storm Brigade', caseSensitive: false }],
      },
    });
    const after = await waitFor(
      () => {
        const revisions = replicas.map(revisionOf);
        return revisions[0] === revisions[1] && revisions[0] !== before[0] ? revisions : undefined;
      },
      { timeoutMs: 5_000, intervalMs: 20, what: 'both replicas on the new registry' },
    );
    expect(after[0]).not.toBe(before[0]);
    // Each replica polls every REFRESH_MS; allow for timers on a loaded machine, still "within seconds".
    expect(Date.now() - changedAt).toBeLessThan(5_000);
    const next = Array.from({ length: 10 }, (_, i) => article(100 + i, 'The Storm Brigade held its positions.'));
    await publish(next);
    for (const a of next) expect(analyses.get(a.articleId)?.entities.map((e) => e.entityId)).toContain('unit:storm');
  });

  it('runs one backfill at a time across the replicas: every matching article is published once', async () => {
    await queries.request(TopicCreateQueryV1, {
      topic: { topicId: 'storm', name: 'Storm', query: 'entity:unit:storm', languages: [], sourceIds: [] },
    });
    await waitFor(
      async () =>
        (await queries.request(TopicGetQueryV1, { topicId: 'storm' })).topic?.activeVersion === 1 ? true : undefined,
      { timeoutMs: 40_000, intervalMs: 100, what: 'storm@1 active' },
    );
    const ids = matched.filter((e) => e.topics[0]?.topicId === 'storm').map((e) => e.articleId);
    // 15 stored odd-numbered reports and the 10 after the alias: each once, from a single runner.
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });
});
