import { Inject, Injectable, Optional } from '@nestjs/common';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import type { Connection, Model } from 'mongoose';
import type { TrendInterval, TrendSeries } from '@media-monitor/contracts';
import { KeySerializer, MONGO_CONNECTION, guardedIncrement, type KeyedLock } from '@media-monitor/persistence';
import type { BucketRepository, BucketRow } from '../application/bucket.repository.js';
import { bucketKey, decodeFieldName, encodeFieldName, seriesKey } from '../domain/buckets.js';
import type { BucketContribution } from '../domain/contributions.js';
import { BUCKET_MODEL, bucketSchema, type BucketDocument } from './trends.schemas.js';

function decodeMap(map: Record<string, number> | undefined): Map<string, number> {
  return new Map(Object.entries(map ?? {}).map(([field, count]) => [decodeFieldName(field), count]));
}

@Injectable()
export class MongoBucketRepository implements BucketRepository {
  private readonly model: Model<BucketDocument>;
  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    /** One write at a time per bucket document: FerretDB v1 loses concurrent updates (TRENDS_WRITE_LOCK). */
    @Optional() @Inject(TRENDS_WRITE_LOCK) private readonly writes: KeyedLock = new KeySerializer(),
  ) {
    this.model = connection.models[BUCKET_MODEL] ?? connection.model<BucketDocument>(BUCKET_MODEL, bucketSchema);
  }

  add(c: BucketContribution, articleId: string): Promise<'applied' | 'already-applied'> {
    const key = bucketKey(c.series, c.interval, c.start);
    const inc: Record<string, number> = {
      articles: 1,
      toneSum: c.tone.score,
      toneCount: 1,
      [c.tone.label]: 1,
    };
    if (c.countSource) inc[`sources.${encodeFieldName(c.sourceId)}`] = 1;
    for (const entityId of c.entityIds) inc[`entities.${encodeFieldName(entityId)}`] = 1;
    return this.writes.run(key, () =>
      guardedIncrement(this.model, {
        key: { _id: key },
        contributionId: articleId,
        guardField: 'articleIds',
        inc,
        addToSet: { storyIds: c.storyId, sourceIds: c.sourceId },
        setOnInsert: { series: seriesKey(c.series), interval: c.interval, bucketStart: c.start },
      }),
    );
  }

  async find(series: readonly TrendSeries[], interval: TrendInterval, from: Date, to: Date): Promise<BucketRow[]> {
    if (series.length === 0) return [];
    const keys = series.map(seriesKey);
    const docs = await this.model
      .find({
        series: keys.length === 1 ? keys[0] : { $in: keys },
        interval,
        bucketStart: { $gte: from, $lt: to },
      })
      .sort({ bucketStart: 1 })
      .lean<BucketDocument[]>();
    return docs.map((doc) => ({
      seriesKey: doc.series,
      bucketStart: doc.bucketStart,
      articles: doc.articles,
      toneSum: doc.toneSum,
      toneCount: doc.toneCount,
      positive: doc.positive,
      negative: doc.negative,
      neutral: doc.neutral,
      articleIds: doc.articleIds,
      storyIds: doc.storyIds ?? [],
      sourceIds: doc.sourceIds ?? [],
      sources: decodeMap(doc.sources),
      entities: decodeMap(doc.entities),
    }));
  }
}
