import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import { MongoBucketRepository } from './mongo-bucket.repository.js';

const hour = new Date('2026-11-25T10:00:00.000Z');
const id = (i: number) => i.toString(16).padStart(32, 'c');
const tone = { score: -0.5, label: 'negative', confidence: 0.9 } as const;

describe('MongoBucketRepository (FerretDB)', () => {
  let connection: Connection;
  let buckets: MongoBucketRepository;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfra().mongoUri, { dbName: uniqueDatabaseName('buckets'), maxPoolSize: 20 })
      .asPromise();
    buckets = new MongoBucketRepository(connection);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('counts concurrent contributions to one bucket exactly (FerretDB v1 loses concurrent updates of one document)', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => buckets.addToTopicHour('t1', hour, id(i), tone)),
    );
    expect(outcomes.every((o) => o === 'applied')).toBe(true);
    const [row] = await buckets.findTopicHours('t1', hour, new Date(hour.getTime() + 3_600_000));
    expect(row).toMatchObject({ articles: 30, toneCount: 30, negative: 30 });
    expect(new Set(row?.articleIds).size).toBe(30);
  });

  it('ignores a contribution already counted, even when repeated concurrently', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => buckets.addToTopicHour('t2', hour, id(1), tone)),
    );
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    const [row] = await buckets.findTopicHours('t2', hour, new Date(hour.getTime() + 3_600_000));
    expect(row).toMatchObject({ articles: 1, toneSum: -0.5, articleIds: [id(1)] });
  });
});
