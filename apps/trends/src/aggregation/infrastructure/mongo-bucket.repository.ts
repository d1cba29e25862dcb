import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { TrendInterval } from '@media-monitor/contracts';
import { MONGO_CONNECTION, guardedIncrement, type KeyedLock } from '@media-monitor/persistence';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import type { BucketFirsts, BucketRepository, BucketRow } from '../application/bucket.repository.js';
import { decodeFieldName, encodeFieldName, seriesKey } from '../domain/buckets.js';
import type { BucketContribution } from '../domain/contributions.js';
import { BUCKET_MODEL, bucketSchema, type BucketDocument } from './trends.schemas.js';

function decodeMap(map: Record<string, number> | undefined): Map<string, number> {
  return new Map(Object.entries(map ?? {}).map(([field, count]) => [decodeFieldName(field), count]));
}

/** `<series>|<interval>`, the field every range read filters on. */
export function seriesInterval(series: string, interval: TrendInterval): string {
  return `${series}|${interval}`;
}

@Injectable()
export class MongoBucketRepository implements BucketRepository {
  private readonly model: Model<BucketDocument>;
  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    /** One write at a time per bucket document: FerretDB v1 loses concurrent updates (TRENDS_WRITE_LOCK). */
    @Inject(TRENDS_WRITE_LOCK) private readonly writes: KeyedLock,
  ) {
    this.model = connection.models[BUCKET_MODEL] ?? connection.model<BucketDocument>(BUCKET_MODEL, bucketSchema);
  }

  add(c: BucketContribution, articleId: string, firsts: BucketFirsts): Promise<'applied' | 'already-applied'> {
    const inc: Record<string, number> = {
      articles: 1,
      toneSum: c.tone.score,
      toneCount: 1,
      [c.tone.label]: 1,
    };
    if (firsts.story) inc['stories'] = 1;
    if (firsts.publisher) inc['publishers'] = 1;
    if (c.countSource) inc[`sources.${encodeFieldName(c.sourceId)}`] = 1;
    for (const entityId of c.entityIds) inc[`entities.${encodeFieldName(entityId)}`] = 1;
    const series = seriesKey(c.series);
    return this.writes.run(c.key, () =>
      guardedIncrement(this.model, {
        key: { _id: c.key },
        contributionId: articleId,
        guardField: 'inflight',
        inc,
        setOnInsert: {
          series,
          interval: c.interval,
          si: seriesInterval(series, c.interval),
          bucketStart: c.start,
        },
      }),
    );
  }

  async release(keys: readonly string[], articleId: string): Promise<void> {
    await Promise.all(
      [...new Set(keys)].map((key) =>
        this.writes.run(key, () => this.model.updateOne({ _id: key }, { $pull: { inflight: articleId } })),
      ),
    );
  }

  async find(seriesKeys: readonly string[], interval: TrendInterval, from: Date, to: Date): Promise<BucketRow[]> {
    const rows = await Promise.all(
      [...new Set(seriesKeys)].map((series) =>
        this.model
          .find({ si: seriesInterval(series, interval), bucketStart: { $gte: from, $lt: to } }, { inflight: 0 })
          .lean<BucketDocument[]>(),
      ),
    );
    return rows
      .flat()
      .sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime())
      .map((doc) => ({
        seriesKey: doc.series,
        bucketStart: doc.bucketStart,
        articles: doc.articles,
        stories: doc.stories ?? 0,
        publishers: doc.publishers ?? 0,
        toneSum: doc.toneSum,
        toneCount: doc.toneCount,
        positive: doc.positive,
        negative: doc.negative,
        neutral: doc.neutral,
        sources: decodeMap(doc.sources),
        entities: decodeMap(doc.entities),
      }));
  }

  async findSourceTotals(
    sourceIds: readonly string[],
    interval: TrendInterval,
    from: Date,
    to: Date,
  ): Promise<Array<{ bucketStart: Date; sources: Map<string, number> }>> {
    const projection: Record<string, 1> = { bucketStart: 1 };
    for (const id of sourceIds) projection[`sources.${encodeFieldName(id)}`] = 1;
    const docs = await this.model
      .find(
        { si: seriesInterval(seriesKey({ kind: 'all', id: '*' }), interval), bucketStart: { $gte: from, $lt: to } },
        projection,
      )
      .sort({ bucketStart: 1 })
      .lean<Array<Pick<BucketDocument, 'bucketStart' | 'sources'>>>();
    return docs.map((doc) => ({ bucketStart: doc.bucketStart, sources: decodeMap(doc.sources) }));
  }

  async deleteSeries(series: string): Promise<number> {
    return (await this.model.deleteMany({ series })).deletedCount;
  }
}
