import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import mongoose, { type Connection } from 'mongoose';
import { createMongoConnection } from '../mongo-connection.factory.js';
import { ensureIndexes } from '../mongo-indexes.js';
import { guardedIncrement } from './guarded-increment.js';
import { insertEachOnce, insertOnce } from './insert-once.js';
import { upsertByNaturalKey } from './upsert-by-natural-key.js';

const articleSchema = new mongoose.Schema(
  { _id: String, title: { type: String, required: true } },
  { versionKey: false },
);

const bucketSchema = new mongoose.Schema(
  {
    topic: { type: String, required: true },
    bucketStart: { type: Date, required: true },
    mentions: { type: Number, default: 0 },
    toneSum: { type: Number, default: 0 },
    contributors: { type: [String], default: [] },
    sources: { type: [String], default: [] },
    firstSeenBy: String,
    lastArticleId: String,
  },
  { versionKey: false },
);
bucketSchema.index({ topic: 1, bucketStart: 1 }, { unique: true });

describe('idempotent writes against FerretDB', () => {
  let connection: Connection;
  const Article = () => connection.model('Article', articleSchema, 'articles');
  const Bucket = () => connection.model('TopicBucket', bucketSchema, 'topic_buckets');
  const bucketStart = new Date('2026-01-01T10:00:00Z');
  const mentionsOf = async (topic: string) =>
    Bucket().findOne({ topic, bucketStart }).lean<{ mentions: number; contributors: string[] }>().exec();

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('persistence') },
      { appName: 'persistence-int-spec' },
    );
    await ensureIndexes(connection, [Article(), Bucket()]);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('insertOnce answers duplicate for an existing _id, on a model and on a native collection', async () => {
    expect(await insertOnce(Article(), { _id: 'a1', title: 'first' })).toBe('inserted');
    expect(await insertOnce(Article(), { _id: 'a1', title: 'second' })).toBe('duplicate');
    expect(await Article().findById('a1').lean<{ title: string }>().exec()).toMatchObject({ title: 'first' });

    const raw = connection.collection<{ _id: string }>('raw_articles');
    expect(await insertOnce(raw, { _id: 'r1' })).toBe('inserted');
    expect(await insertOnce(raw, { _id: 'r1' })).toBe('duplicate');
  });

  it('insertEachOnce inserts the new documents in one call and names the ones stored before', async () => {
    const keys = connection.collection<{ _id: string }>('claimed_keys');
    expect(await insertEachOnce(keys, [{ _id: 'k1' }, { _id: 'k3' }])).toEqual([]);
    expect(await insertEachOnce(keys, [{ _id: 'k1' }, { _id: 'k2' }, { _id: 'k3' }, { _id: 'k4' }])).toEqual([0, 2]);
    expect((await keys.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(await insertEachOnce(keys, [])).toEqual([]);
  });

  it('insertOnce still throws validation errors', async () => {
    await expect(insertOnce(Article(), { _id: 'a2' })).rejects.toThrow(/title/);
  });

  it('guardedIncrement counts the same contribution once and different ones each', async () => {
    const apply = (contributionId: string) =>
      guardedIncrement(Bucket(), {
        key: { topic: 'ai', bucketStart },
        contributionId,
        inc: { mentions: 1, toneSum: 0.5 },
        setOnInsert: { firstSeenBy: contributionId },
        set: { lastArticleId: contributionId },
        addToSet: { sources: 'src-1' },
      });
    expect(await apply('evt-1')).toBe('applied');
    expect(await apply('evt-1')).toBe('already-applied');
    expect(await mentionsOf('ai')).toMatchObject({ mentions: 1, contributors: ['evt-1'] });

    expect(await apply('evt-2')).toBe('applied');
    const doc = await Bucket().findOne({ topic: 'ai', bucketStart }).lean().exec();
    expect(doc).toMatchObject({
      mentions: 2,
      toneSum: 1,
      contributors: ['evt-1', 'evt-2'],
      sources: ['src-1'],
      firstSeenBy: 'evt-1',
      lastArticleId: 'evt-2',
    });
  });

  it('guardedIncrement counts 20 concurrent deliveries of one event on a new document once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        guardedIncrement(Bucket(), {
          key: { topic: 'race', bucketStart },
          contributionId: 'evt-x',
          inc: { mentions: 1 },
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(await mentionsOf('race')).toMatchObject({ mentions: 1, contributors: ['evt-x'] });
  });

  it('guardedIncrement counts 20 concurrent deliveries of one event on an existing document once', async () => {
    await guardedIncrement(Bucket(), {
      key: { topic: 'race2', bucketStart },
      contributionId: 'evt-0',
      inc: { mentions: 1 },
    });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        guardedIncrement(Bucket(), {
          key: { topic: 'race2', bucketStart },
          contributionId: 'evt-y',
          inc: { mentions: 1 },
        }),
      ),
    );
    expect(await mentionsOf('race2')).toMatchObject({ mentions: 2, contributors: ['evt-0', 'evt-y'] });
  });

  it('guardedIncrement works on a native collection keyed by _id with a custom guard field', async () => {
    const counters = connection.collection<{ _id: string; n?: number; seen?: string[] }>('counters');
    const apply = (id: string) =>
      guardedIncrement(counters, { key: { _id: 'c1' }, contributionId: id, guardField: 'seen', inc: { n: 2 } });
    expect([await apply('m1'), await apply('m1'), await apply('m2')]).toEqual([
      'applied',
      'already-applied',
      'applied',
    ]);
    expect(await counters.findOne({ _id: 'c1' })).toEqual({ _id: 'c1', n: 4, seen: ['m1', 'm2'] });
  });

  it('upsertByNaturalKey creates once, then only updates', async () => {
    const key = { topic: 'upsert', bucketStart };
    expect(await upsertByNaturalKey(Bucket(), key, { lastArticleId: 'a' }, { firstSeenBy: 'a' })).toBe('inserted');
    expect(await upsertByNaturalKey(Bucket(), key, { lastArticleId: 'b' }, { firstSeenBy: 'b' })).toBe('updated');
    expect(await Bucket().countDocuments(key)).toBe(1);
    expect(await Bucket().findOne(key).lean().exec()).toMatchObject({
      firstSeenBy: 'a',
      lastArticleId: 'b',
      mentions: 0,
    });
  });
});
