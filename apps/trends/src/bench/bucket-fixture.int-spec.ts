import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from 'mongoose';
import { KeySerializer, createMongoConnection, ensureIndexes } from '@media-monitor/persistence';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import { RecordAnalysisUseCase } from '../aggregation/application/record-analysis.use-case.js';
import { MongoAnalysisJoinRepository } from '../aggregation/infrastructure/mongo-analysis-join.repository.js';
import { MongoBucketMarkerRepository } from '../aggregation/infrastructure/mongo-bucket-marker.repository.js';
import { MongoBucketRepository } from '../aggregation/infrastructure/mongo-bucket.repository.js';
import { bucketModels, type BucketDocument } from '../aggregation/infrastructure/trends.schemas.js';
import { MongoArticleReadModel } from '../articles/infrastructure/mongo-article-read-model.repository.js';
import { BucketFixture, syntheticAnalyses } from './bucket-fixture.js';
import { entitiesEvent, sentimentEvent } from './analysis-events.js';

// The benchmark bulk-inserts BucketFixture's documents; this checks they are the documents the
// real write path leaves for the same articles.
describe('BucketFixture (the benchmark loader) against the write path on FerretDB', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('fixture') },
      { appName: 'trends-fixture-int-spec', maxPoolSize: 20 },
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('builds exactly the bucket documents that counting the same articles writes', async () => {
    const lock = new KeySerializer();
    const buckets = new MongoBucketRepository(connection, lock);
    const useCase = new RecordAnalysisUseCase(
      new MongoAnalysisJoinRepository(connection),
      buckets,
      new MongoBucketMarkerRepository(connection),
      new MongoArticleReadModel(connection),
      { publishAnalyzed: () => Promise.resolve() },
      lock,
    );
    await ensureIndexes(connection, Object.values(connection.models));
    const analyses = [
      ...syntheticAnalyses({
        articles: 40,
        end: new Date('2026-11-25T00:00:00Z'),
        days: 1,
        sources: 4,
        topics: 3,
        entities: 6,
        seed: 7,
      }),
    ];
    const fixture = new BucketFixture();
    for (const a of analyses) {
      fixture.add(a);
      await useCase.recordEntities(entitiesEvent(a));
      await useCase.recordSentiment(sentimentEvent(a));
    }
    const expected = [...fixture.drain()].sort((x, y) => (x._id < y._id ? -1 : 1));
    const written: BucketDocument[] = [];
    for (const model of Object.values(bucketModels(connection)))
      written.push(...(await model.find({}).lean<BucketDocument[]>()));
    written.sort((x, y) => (x._id < y._id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(50);
    expect(written.map(normalise)).toEqual(expected.map(normalise));
  });
});

/** Tone sums to 6 decimals (floating-point addition order differs); absent maps as absent. */
function normalise(doc: BucketDocument): BucketDocument {
  return { ...doc, toneSum: Math.round(doc.toneSum * 1e6) / 1e6 };
}
