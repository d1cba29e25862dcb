import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from 'mongoose';
import type { ArticleEntitiesV1, ArticleSentimentV1, ArticleTopicsMatchedV1 } from '@media-monitor/contracts';
import { KeySerializer, createMongoConnection, ensureIndexes } from '@media-monitor/persistence';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import { MongoArticleReadModel } from '../../articles/infrastructure/mongo-article-read-model.repository.js';
import { TopicVersionsUseCase } from '../../topics/application/topic-versions.use-case.js';
import { MongoTopicVersionRepository } from '../../topics/infrastructure/mongo-topic-version.repository.js';
import type { CompleteAnalysis } from '../domain/joined-analysis.js';
import { MongoAnalysisJoinRepository } from '../infrastructure/mongo-analysis-join.repository.js';
import { MongoBucketMarkerRepository } from '../infrastructure/mongo-bucket-marker.repository.js';
import { MongoBucketRepository } from '../infrastructure/mongo-bucket.repository.js';
import {
  JOIN_MODEL,
  bucketModels,
  bucketPartition,
  type BucketDocument,
  type JoinDocument,
} from '../infrastructure/trends.schemas.js';
import type { AnalysisPublisher } from './analysis.publisher.js';
import { RecordAnalysisUseCase } from './record-analysis.use-case.js';

const publishedAt = '2026-11-25T10:20:00.000Z';
const hour = new Date('2026-11-25T10:00:00.000Z');
const nextHour = new Date('2026-11-25T11:00:00.000Z');
const id = (i: number) => i.toString(16).padStart(32, 'e');
const evidence = [{ term: 'BARS', matchedText: 'BARS', start: 0, end: 4 }];

const entities = (i: number, topics: Array<[string, number]>, storyId?: string): ArticleEntitiesV1 => ({
  articleId: id(i),
  publishedAt,
  language: 'en',
  source: { id: `outlet-${i}` },
  url: `https://example.test/${i}`,
  title: 'BARS',
  body: 'A report on BARS. It was grim.',
  ...(storyId ? { storyId } : {}),
  analyzer: { name: 'test', version: '1' },
  entities: [{ entityId: 'unit:bars', name: 'BARS', type: 'UNIT', mentions: [{ text: 'BARS', start: 0, end: 4 }] }],
  topics: topics.map(([topicId, version]) => ({ topicId, version, matched: ['BARS'], evidence })),
});
const sentiment = (i: number): ArticleSentimentV1 => ({
  articleId: id(i),
  publishedAt,
  language: 'en',
  analyzer: { name: 'test', version: '1' },
  document: { score: -0.5, label: 'negative', confidence: 0.8 },
  sentences: [
    { index: 0, start: 0, end: 4, tone: { score: 0, label: 'neutral', confidence: 0.5 } },
    { index: 1, start: 6, end: 23, tone: { score: -0.5, label: 'negative', confidence: 0.8 } },
  ],
  entities: [
    {
      entityId: 'unit:bars',
      tone: { score: -0.4, label: 'negative', confidence: 0.7 },
      mentions: [{ start: 0, end: 4, sentenceIndex: 1, tone: { score: -0.4, label: 'negative', confidence: 0.7 } }],
    },
  ],
});
const backfill = (i: number, topicId: string, version: number): ArticleTopicsMatchedV1 => ({
  articleId: id(i),
  publishedAt,
  topics: [{ topicId, version, matched: ['BARS'], evidence }],
});

/** Fails the given call of a method once, after letting the earlier ones through (a crash mid-way). */
function failOnce<T extends object>(target: T, method: keyof T, onCall: number): { armed: boolean } {
  const state = { armed: true };
  let calls = 0;
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  (target as Record<keyof T, unknown>)[method] = async (...args: unknown[]) => {
    calls += 1;
    if (state.armed && calls === onCall) {
      state.armed = false;
      throw new Error(`simulated crash in ${String(method)}`);
    }
    return original(...args);
  };
  return state;
}

describe('RecordAnalysisUseCase against FerretDB: retries after a crash at any step count once', () => {
  let connection: Connection;
  const published: string[] = [];
  const publisher: AnalysisPublisher = {
    publishAnalyzed: (analysis: CompleteAnalysis) => {
      published.push(analysis.articleId);
      return Promise.resolve();
    },
  };
  let buckets: MongoBucketRepository;
  let joins: MongoAnalysisJoinRepository;
  let markers: MongoBucketMarkerRepository;
  let topicVersions: MongoTopicVersionRepository;
  let useCase: RecordAnalysisUseCase;

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('record') },
      { appName: 'trends-record-int-spec', maxPoolSize: 20 },
    );
    const lock = new KeySerializer();
    buckets = new MongoBucketRepository(connection, lock);
    joins = new MongoAnalysisJoinRepository(connection);
    markers = new MongoBucketMarkerRepository(connection);
    topicVersions = new MongoTopicVersionRepository(connection);
    // As at service start: the collections exist before concurrent writes (FerretDB creates them racily).
    await ensureIndexes(connection, Object.values(connection.models));
    useCase = new RecordAnalysisUseCase(
      joins,
      buckets,
      markers,
      new MongoArticleReadModel(connection),
      publisher,
      lock,
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const hourRow = async (series: string) => (await buckets.find([series], 'hour', hour, nextHour))[0];
  const bucketDoc = (key: string) =>
    bucketModels(connection)[bucketPartition(key, 'day')].findById(key).lean<BucketDocument>();
  /** Bucket documents, over every partition, whose inflight list holds the article. */
  const inflightOf = async (articleId: string) => {
    let n = 0;
    for (const model of Object.values(bucketModels(connection)))
      n += await model.countDocuments({ inflight: articleId });
    return n;
  };
  const joinDoc = (i: number) => connection.model<JoinDocument>(JOIN_MODEL).findById(id(i)).lean<JoinDocument>();

  it('a crash after some bucket writes, before the mark, counts the article once on the retry', async () => {
    await useCase.recordEntities(entities(1, [['crash', 1]]));
    failOnce(buckets, 'add', 5); // four buckets written, the fifth write fails: the handler throws
    await expect(useCase.recordSentiment(sentiment(1))).rejects.toThrow(/simulated crash/);
    const written = await inflightOf(id(1));
    expect(written).toBeGreaterThanOrEqual(4);
    expect((await joinDoc(1))?.applied ?? []).toEqual([]);

    expect(await useCase.recordSentiment(sentiment(1))).toBe('counted'); // the redelivery
    expect(await useCase.recordSentiment(sentiment(1))).toBe('already-counted');
    for (const series of ['topic:crash@1', 'entity:unit:bars', 'source:outlet-1', 'all:*']) {
      expect({ series, row: await hourRow(series) }).toMatchObject({
        series,
        row: { articles: 1, stories: 1, publishers: 1, toneCount: 1 },
      });
    }
    expect((await hourRow('entity:unit:bars'))?.toneSum).toBeCloseTo(-0.4, 6); // the tone towards the entity
    expect(await inflightOf(id(1))).toBe(0);
    expect(await joinDoc(1)).toMatchObject({ applied: expect.arrayContaining(['base', 'topic:crash@1']) });
    expect((await joinDoc(1))?.entities?.text).toBeUndefined(); // the text is dropped once counted
  });

  it('a crash after the mark, before the inflight entries are released, is cleaned by the retry or the sweeper', async () => {
    await useCase.recordEntities(entities(2, [['sweep', 1]]));
    const state = failOnce(buckets, 'release', 1);
    await expect(useCase.recordSentiment(sentiment(2))).rejects.toThrow(/simulated crash/);
    expect(state.armed).toBe(false);
    const key = 'topic:sweep@1|day|2026-11-25T00:00:00.000Z';
    expect((await bucketDoc(key))?.inflight).toEqual([id(2)]);
    expect(await useCase.sweep()).toBe(1);
    expect((await bucketDoc(key))?.inflight).toEqual([]);
    expect(await useCase.recordSentiment(sentiment(2))).toBe('already-counted');
    expect(await hourRow('topic:sweep@1')).toMatchObject({ articles: 1, stories: 1 });
    expect(published.filter((a) => a === id(2))).toHaveLength(1);
  });

  it('a crash between claiming the markers and the bucket writes loses no story or publisher', async () => {
    await useCase.recordEntities(entities(3, [['markers', 1]], id(300)));
    failOnce(buckets, 'add', 1);
    await expect(useCase.recordSentiment(sentiment(3))).rejects.toThrow(/simulated crash/);
    await useCase.recordSentiment(sentiment(3));
    // A second article of the same story in the same bucket: a new publisher, not a new story.
    await useCase.recordEntities(entities(4, [['markers', 1]], id(300)));
    await useCase.recordSentiment(sentiment(4));
    expect(await hourRow('topic:markers@1')).toMatchObject({ articles: 2, stories: 1, publishers: 2 });
  });

  it('backfill and live matching of the same topic version count the article once, in either order', async () => {
    // Live first: the entities event carries version 2; the backfill of version 2 reaches the article later.
    await useCase.recordEntities(
      entities(5, [
        ['overlap', 1],
        ['overlap', 2],
      ]),
    );
    await useCase.recordSentiment(sentiment(5));
    expect(await useCase.recordTopicsMatched(backfill(5, 'overlap', 2))).toBe('already-counted');
    // Backfill first: an article stored before version 3, counted live with version 2 only.
    await useCase.recordEntities(entities(6, [['overlap', 2]]));
    await useCase.recordSentiment(sentiment(6));
    expect(await useCase.recordTopicsMatched(backfill(6, 'overlap', 3))).toBe('counted');
    expect(await useCase.recordTopicsMatched(backfill(6, 'overlap', 3))).toBe('already-counted');
    // A redelivered entities event after the backfill adds nothing either.
    expect(
      await useCase.recordEntities(
        entities(6, [
          ['overlap', 2],
          ['overlap', 3],
        ]),
      ),
    ).toBe('already-counted');
    // A backfill event that arrives before the article's analyses are joined waits for them.
    expect(await useCase.recordTopicsMatched(backfill(7, 'overlap', 3))).toBe('waiting-for-other-half');
    await useCase.recordEntities(entities(7, [['overlap', 3]]));
    expect(await useCase.recordSentiment(sentiment(7))).toBe('counted');

    expect(await hourRow('topic:overlap@1')).toMatchObject({ articles: 1 });
    expect(await hourRow('topic:overlap@2')).toMatchObject({ articles: 2 });
    expect(await hourRow('topic:overlap@3')).toMatchObject({ articles: 2, publishers: 2 });
    expect(await hourRow('all:*')).toMatchObject({ articles: 7 });
    expect(published.filter((a) => [id(5), id(6), id(7)].includes(a))).toHaveLength(3);
  });

  it('deletes the buckets of a superseded topic version and keeps the active one', async () => {
    const topics = new TopicVersionsUseCase(topicVersions, buckets, markers, new KeySerializer());
    const change = { name: 'Overlap', deleted: false };
    await topics.recordChange({
      topicId: 'overlap',
      ...change,
      activeVersion: 2,
      liveVersions: [2, 3],
      changedAt: '2026-11-25T12:00:00Z',
    });
    await topics.recordChange({
      topicId: 'overlap',
      ...change,
      activeVersion: 3,
      liveVersions: [3],
      changedAt: '2026-11-25T12:30:00Z',
    });
    // A late, older change is ignored.
    await topics.recordChange({
      topicId: 'overlap',
      ...change,
      activeVersion: 2,
      liveVersions: [2],
      changedAt: '2026-11-25T12:10:00Z',
    });
    expect(await topics.resolve('overlap')).toEqual({ version: 3, notes: [] });
    expect(await topics.cleanUp()).toBe(1);
    expect(await hourRow('topic:overlap@2')).toBeUndefined();
    expect(await markers.distinct('topic:overlap@2', 'hour', hour, nextHour)).toEqual([]);
    expect(await hourRow('topic:overlap@3')).toMatchObject({ articles: 2 });
    expect(await topics.cleanUp()).toBe(0);
  });
});
