import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from 'mongoose';
import type { TrendSeries } from '@media-monitor/contracts';
import { KeySerializer, createMongoConnection, ensureIndexes } from '@media-monitor/persistence';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import { bucketKey } from '../domain/buckets.js';
import type { BucketContribution } from '../domain/contributions.js';
import { MongoBucketMarkerRepository } from './mongo-bucket-marker.repository.js';
import { MongoBucketRepository } from './mongo-bucket.repository.js';
import { bucketModels, bucketPartition, type BucketDocument } from './trends.schemas.js';

const hour = new Date('2026-11-25T10:00:00.000Z');
const nextHour = new Date(hour.getTime() + 3_600_000);
const id = (i: number) => i.toString(16).padStart(32, 'c');
const tone = { score: -0.5, label: 'negative', confidence: 0.9 } as const;
const topic = (topicId: string): TrendSeries => ({ kind: 'topic', id: `${topicId}@1` });
const first = { story: true, publisher: true, hourStory: true, hourPublisher: true };

/** A day document's contribution for an article in `at`'s hour. */
const contribution = (
  series: TrendSeries,
  over: Partial<BucketContribution> & { at?: Date } = {},
): BucketContribution => {
  const { at = hour, ...rest } = over;
  const interval = rest.interval ?? 'day';
  const start = interval === 'day' ? new Date(Math.floor(at.getTime() / 86_400_000) * 86_400_000) : at;
  return {
    series,
    interval,
    start,
    key: bucketKey(series, interval, start),
    ...(interval === 'day'
      ? { hour: { slot: String(at.getUTCHours()).padStart(2, '0'), start: at, key: bucketKey(series, 'hour', at) } }
      : {}),
    tone,
    storyId: id(0),
    sourceId: 'wire',
    countSource: true,
    entityIds: [],
    ...rest,
  };
};

describe('MongoBucketRepository and markers (FerretDB)', () => {
  let connection: Connection;
  let buckets: MongoBucketRepository;
  let markers: MongoBucketMarkerRepository;

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('buckets') },
      { appName: 'trends-buckets-int-spec', maxPoolSize: 20 },
    );
    buckets = new MongoBucketRepository(connection, new KeySerializer());
    markers = new MongoBucketMarkerRepository(connection);
    // As at service start: the connection creates no index or collection by itself.
    await ensureIndexes(connection, Object.values(connection.models));
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const rawBucket = (key: string) =>
    bucketModels(connection)[bucketPartition(key, 'day')].findById(key).lean<BucketDocument>();

  it('counts concurrent contributions to one bucket exactly (FerretDB v1 loses concurrent updates of one document)', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => buckets.add(contribution(topic('t1'), { storyId: id(i) }), id(i), first)),
    );
    expect(outcomes.every((o) => o === 'applied')).toBe(true);
    const [row] = await buckets.find(['topic:t1@1'], 'hour', hour, nextHour);
    expect(row).toMatchObject({ articles: 30, toneCount: 30, negative: 30, stories: 30, publishers: 30 });
    expect(row?.sources.get('wire')).toBe(30);
  });

  it('serves a closed day from its cache until this process writes to it, then reads it again', async () => {
    const series = topic('t-cached');
    await buckets.add(contribution(series, { storyId: id(1) }), id(1), first);
    const count = async (repository: MongoBucketRepository) =>
      (await repository.find(['topic:t-cached@1'], 'hour', hour, nextHour))[0]?.articles;
    expect(await count(buckets)).toBe(1);
    // Another replica's write (another repository on the same store) is not seen while the entry lives.
    const otherReplica = new MongoBucketRepository(connection, new KeySerializer());
    await otherReplica.add(contribution(series, { storyId: id(2), sourceId: 'daily' }), id(2), first);
    expect(await count(buckets)).toBe(1);
    expect(await count(otherReplica)).toBe(2);
    // This process's own write drops the cached day at once.
    await buckets.add(contribution(series, { storyId: id(3), sourceId: 'weekly' }), id(3), first);
    expect(await count(buckets)).toBe(3);
  });

  it('ignores a contribution whose article is in flight, even when repeated concurrently; releases it afterwards', async () => {
    const c = contribution(topic('t2'));
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => buckets.add(c, id(1), first)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect((await rawBucket(c.key))?.inflight).toEqual([id(1)]);
    await Promise.all([buckets.release([c.key], id(1)), buckets.add(c, id(2), first)]);
    const doc = await rawBucket(c.key);
    expect(doc).toMatchObject({ articles: 2, toneSum: -1, inflight: [id(2)] });
  });

  it('lets exactly one article claim each story and publisher marker, and the same article again on a retry', async () => {
    const series = topic('t3');
    const claims = await Promise.all(
      [1, 2, 3].map((i) =>
        markers.claim([contribution(series, { storyId: id(7), sourceId: `s${i % 2}` })], id(i), false),
      ),
    );
    const key = contribution(series).key;
    expect(claims.filter((c) => c.get(key)?.story)).toHaveLength(1);
    expect(claims.filter((c) => c.get(key)?.publisher)).toHaveLength(2);
    const winner = [1, 2, 3][claims.findIndex((c) => c.get(key)?.story)] ?? 0;
    const again = await markers.claim(
      [contribution(series, { storyId: id(7), sourceId: `s${winner % 2}` })],
      id(winner),
      true,
    );
    expect(again.get(key)).toEqual({ story: true, publisher: true, hourStory: true, hourPublisher: true });
    const other = await markers.claim([contribution(series, { storyId: id(7), sourceId: 's0' })], id(9), true);
    expect(other.get(key)).toEqual({ story: false, publisher: false, hourStory: false, hourPublisher: false });
    const [distinct] = await markers.distinct('topic:t3@1', 'hour', hour, nextHour);
    expect(distinct?.stories).toEqual([id(7)]);
    expect([...(distinct?.publishers ?? [])].sort()).toEqual(['s0', 's1']);
  });

  it('keeps per-entity and per-source counts with ids that are not valid field names', async () => {
    const series = topic('t4');
    await buckets.add(contribution(series, { sourceId: 'tass.ru', entityIds: ['per:a.b', '$x'] }), id(1), first);
    await buckets.add(contribution(series, { sourceId: 'ria.ru', entityIds: ['per:a.b'] }), id(2), first);
    const [row] = await buckets.find(['topic:t4@1'], 'hour', hour, nextHour);
    expect(Object.fromEntries(row?.sources ?? [])).toEqual({ 'tass.ru': 1, 'ria.ru': 1 });
    const [day] = await buckets.find(
      ['topic:t4@1'],
      'day',
      new Date('2026-11-25T00:00:00Z'),
      new Date('2026-11-26T00:00:00Z'),
    );
    expect(Object.fromEntries(day?.entities ?? [])).toEqual({ 'per:a.b': 2, $x: 1 }); // entity maps are per day
    expect(Object.fromEntries(day?.sources ?? [])).toEqual({ 'tass.ru': 1, 'ria.ru': 1 });
  });

  it('reads several series at once and only the asked interval and range; deletes a series', async () => {
    const s = (i: number): TrendSeries => ({ kind: 'source', id: `s${i}` });
    await buckets.add(contribution(s(1), { countSource: false }), id(1), first);
    await buckets.add(contribution(s(2), { countSource: false }), id(2), first);
    await buckets.add(contribution(s(3), { countSource: false, at: nextHour }), id(3), first);
    const rows = await buckets.find(['source:s1', 'source:s2', 'source:s3'], 'hour', hour, nextHour);
    expect(rows.map((r) => r.seriesKey).sort()).toEqual(['source:s1', 'source:s2']);
    const day = await buckets.find(
      ['source:s3'],
      'day',
      new Date('2026-11-25T00:00:00Z'),
      new Date('2026-11-26T00:00:00Z'),
    );
    expect(day).toMatchObject([{ articles: 1 }]);
    expect(await buckets.deleteSeries('source:s2')).toBe(1);
    expect(await buckets.find(['source:s2'], 'hour', hour, nextHour)).toEqual([]);
  });
});
