import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from 'mongoose';
import type { ArticleListRequestV1 } from '@media-monitor/contracts';
import { KeySerializer, createMongoConnection, ensureIndexes } from '@media-monitor/persistence';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import { RecordAnalysisUseCase } from '../aggregation/application/record-analysis.use-case.js';
import type { CompleteAnalysis } from '../aggregation/domain/joined-analysis.js';
import { MongoAnalysisJoinRepository } from '../aggregation/infrastructure/mongo-analysis-join.repository.js';
import { MongoBucketMarkerRepository } from '../aggregation/infrastructure/mongo-bucket-marker.repository.js';
import { MongoBucketRepository } from '../aggregation/infrastructure/mongo-bucket.repository.js';
import { syntheticAnalyses } from '../bench/bucket-fixture.js';
import type { TopicVersionsUseCase } from '../topics/application/topic-versions.use-case.js';
import { ListArticlesUseCase } from './application/list-articles.use-case.js';
import { MongoArticleReadModel } from './infrastructure/mongo-article-read-model.repository.js';
import { entitiesEvent, sentimentEvent } from '../bench/analysis-events.js';

const END = new Date('2026-11-25T00:00:00Z');
const DAY = 86_400_000;

// Pages are read hour by hour through the buckets (the store cannot sort without reading every
// record): every article must still come exactly once, in order, with and without filters.
describe('listing analysed articles hour by hour (real FerretDB)', () => {
  let connection: Connection;
  let readModel: MongoArticleReadModel;
  let list: ListArticlesUseCase;
  let analyses: CompleteAnalysis[];

  const newestFirst = (a: CompleteAnalysis, b: CompleteAnalysis) =>
    Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || (a.articleId < b.articleId ? 1 : -1);

  /** Every listed id, following the cursor with pages of `limit`. */
  const listAll = async (request: Partial<ArticleListRequestV1>, limit: number) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list.list({ ...request, limit, ...(cursor ? { cursor } : {}) } as ArticleListRequestV1);
      expect(page.articles.length).toBeLessThanOrEqual(limit);
      ids.push(...page.articles.map((a) => a.articleId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    // The services' connection settings (sanitizeFilter, strictQuery 'throw').
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('listing') },
      { appName: 'trends-listing-int-spec', maxPoolSize: 20 },
    );
    const lock = new KeySerializer();
    const buckets = new MongoBucketRepository(connection, lock);
    readModel = new MongoArticleReadModel(connection);
    const record = new RecordAnalysisUseCase(
      new MongoAnalysisJoinRepository(connection),
      buckets,
      new MongoBucketMarkerRepository(connection),
      readModel,
      { publishAnalyzed: () => Promise.resolve() },
      lock,
    );
    await ensureIndexes(connection, Object.values(connection.models));
    // 90 articles over 40 days: many empty hours and days between them.
    analyses = [
      ...syntheticAnalyses({ articles: 90, end: END, days: 40, sources: 4, topics: 2, entities: 5, seed: 3 }),
    ];
    for (const a of analyses) {
      await record.recordEntities(entitiesEvent(a));
      await record.recordSentiment(sentimentEvent(a));
    }
    list = new ListArticlesUseCase(readModel, buckets, {} as TopicVersionsUseCase);
  }, 120_000);

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('lists every article once, newest first, across empty hours and days, whatever the page size', async () => {
    const expected = [...analyses].sort(newestFirst).map((a) => a.articleId);
    expect(await listAll({}, 200)).toEqual(expected);
    expect(await listAll({}, 7)).toEqual(expected);
    expect(await listAll({}, 1)).toEqual(expected);
  });

  it('lists by topic, entity, source, language and time range, exactly the matching articles in order', async () => {
    const from = new Date(END.getTime() - 25 * DAY);
    const to = new Date(END.getTime() - 5 * DAY);
    const inRange = (a: CompleteAnalysis) =>
      Date.parse(a.publishedAt) >= from.getTime() && Date.parse(a.publishedAt) < to.getTime();
    const cases: Array<[Partial<ArticleListRequestV1>, (a: CompleteAnalysis) => boolean]> = [
      [{ topicId: 'topic-0', topicVersion: 1 }, (a) => a.topics.some((t) => t.topicId === 'topic-0')],
      [{ entityId: 'per:e1' }, (a) => a.entityIds.includes('per:e1')],
      [{ sourceId: 'source-0.example' }, (a) => a.source.id === 'source-0.example'],
      [{ language: 'en', from: from.toISOString(), to: to.toISOString() }, inRange],
      [
        { entityId: 'per:e0', from: from.toISOString(), to: to.toISOString() },
        (a) => a.entityIds.includes('per:e0') && inRange(a),
      ],
    ];
    for (const [request, matches] of cases) {
      const expected = analyses
        .filter(matches)
        .sort(newestFirst)
        .map((a) => a.articleId);
      expect(expected.length).toBeGreaterThan(0);
      expect([request, await listAll(request, 4)]).toEqual([request, expected]);
    }
  });

  it('gives records stored before publishedHour the field once, so they are listed again', async () => {
    const older = analyses.slice(0, 5).map((a) => a.articleId);
    const records = connection.collection<{ _id: string }>('articles');
    await records.updateMany({ _id: { $in: older } }, { $unset: { publishedHour: '' } });
    expect((await listAll({}, 200)).filter((id) => older.includes(id))).toEqual([]);
    expect(await readModel.fillPublishedHour()).toBe(5);
    expect(await readModel.fillPublishedHour()).toBe(0); // the marker: done once per store
    expect(await listAll({}, 200)).toEqual([...analyses].sort(newestFirst).map((a) => a.articleId));
  });
});
