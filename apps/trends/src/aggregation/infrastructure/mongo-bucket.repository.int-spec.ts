import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import type { TrendSeries } from '@media-monitor/contracts';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import type { BucketContribution } from '../domain/contributions.js';
import { MongoBucketRepository } from './mongo-bucket.repository.js';

const hour = new Date('2026-11-25T10:00:00.000Z');
const nextHour = new Date(hour.getTime() + 3_600_000);
const id = (i: number) => i.toString(16).padStart(32, 'c');
const tone = { score: -0.5, label: 'negative', confidence: 0.9 } as const;
const topic = (topicId: string): TrendSeries => ({ kind: 'topic', id: topicId });

const contribution = (series: TrendSeries, over: Partial<BucketContribution> = {}): BucketContribution => ({
  series,
  interval: 'hour',
  start: hour,
  tone,
  storyId: id(0),
  sourceId: 'wire',
  countSource: true,
  entityIds: [],
  ...over,
});

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
      Array.from({ length: 30 }, (_, i) => buckets.add(contribution(topic('t1'), { storyId: id(i) }), id(i))),
    );
    expect(outcomes.every((o) => o === 'applied')).toBe(true);
    const [row] = await buckets.find([topic('t1')], 'hour', hour, nextHour);
    expect(row).toMatchObject({ articles: 30, toneCount: 30, negative: 30 });
    expect(new Set(row?.articleIds).size).toBe(30);
    expect(row?.sources.get('wire')).toBe(30);
  });

  it('ignores a contribution already counted, even when repeated concurrently', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => buckets.add(contribution(topic('t2')), id(1))));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    const [row] = await buckets.find([topic('t2')], 'hour', hour, nextHour);
    expect(row).toMatchObject({ articles: 1, toneSum: -0.5, articleIds: [id(1)] });
  });

  it('keeps distinct stories, publishers and per-entity counts, with ids that are not valid field names', async () => {
    const series = topic('t3');
    await buckets.add(
      contribution(series, { storyId: id(7), sourceId: 'tass.ru', entityIds: ['per:a.b', '$x'] }),
      id(1),
    );
    await buckets.add(contribution(series, { storyId: id(7), sourceId: 'ria.ru', entityIds: ['per:a.b'] }), id(2));
    await buckets.add(contribution(series, { storyId: id(8), sourceId: 'tass.ru', entityIds: [] }), id(3));
    const [row] = await buckets.find([series], 'hour', hour, nextHour);
    expect(row).toMatchObject({ articles: 3 });
    expect(new Set(row?.storyIds)).toEqual(new Set([id(7), id(8)]));
    expect(new Set(row?.sourceIds)).toEqual(new Set(['tass.ru', 'ria.ru']));
    expect(Object.fromEntries(row?.sources ?? [])).toEqual({ 'tass.ru': 2, 'ria.ru': 1 });
    expect(Object.fromEntries(row?.entities ?? [])).toEqual({ 'per:a.b': 2, $x: 1 });
  });

  it('reads several series at once and only the asked interval and range', async () => {
    await buckets.add(contribution({ kind: 'source', id: 's1' }, { countSource: false }), id(1));
    await buckets.add(contribution({ kind: 'source', id: 's2' }, { countSource: false }), id(2));
    await buckets.add(contribution({ kind: 'source', id: 's2' }, { countSource: false, interval: 'day' }), id(2));
    await buckets.add(contribution({ kind: 'source', id: 's3' }, { countSource: false, start: nextHour }), id(3));
    const rows = await buckets.find(
      [
        { kind: 'source', id: 's1' },
        { kind: 'source', id: 's2' },
        { kind: 'source', id: 's3' },
      ],
      'hour',
      hour,
      nextHour,
    );
    expect(rows.map((r) => r.seriesKey).sort()).toEqual(['source:s1', 'source:s2']);
  });
});
