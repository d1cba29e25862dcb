import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { TrendInterval } from '@media-monitor/contracts';
import { MONGO_CONNECTION, guardedIncrement, type KeyedLock } from '@media-monitor/persistence';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import type { BucketFirsts, BucketRepository, BucketRow } from '../application/bucket.repository.js';
import { bucketIncrements } from '../domain/bucket-increments.js';
import { INTERVAL_MS, bucketStart, decodeFieldName, encodeFieldName, seriesKey } from '../domain/buckets.js';
import type { BucketContribution } from '../domain/contributions.js';
import { BUCKET_MODEL, bucketSchema, type BucketDocument, type HourCounters } from './trends.schemas.js';

function decodeMap(map: Record<string, number> | undefined): Map<string, number> {
  return new Map(Object.entries(map ?? {}).map(([field, count]) => [decodeFieldName(field), count]));
}

/** `<series>|<interval>`, the field every range read of minute documents filters on. */
export function seriesInterval(series: string, interval: TrendInterval): string {
  return `${series}|${interval}`;
}

function hourRow(series: string, dayStart: Date, slot: string, h: HourCounters): BucketRow {
  return {
    seriesKey: series,
    bucketStart: new Date(dayStart.getTime() + Number(slot) * INTERVAL_MS.hour),
    articles: h.articles ?? 0,
    stories: h.stories ?? 0,
    publishers: h.publishers ?? 0,
    toneSum: h.toneSum ?? 0,
    toneCount: h.toneCount ?? 0,
    positive: h.positive ?? 0,
    negative: h.negative ?? 0,
    neutral: h.neutral ?? 0,
    sources: decodeMap(h.sources),
    entities: new Map(),
  };
}

function dayRow(doc: BucketDocument): BucketRow {
  return {
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
  };
}

/**
 * Buckets: minute documents, and day documents that also hold their hours, so an hourly series
 * of 30 days is 30 documents. Every read is one query per series on `si` (equality) and
 * `bucketStart` (range): an index range scan on MongoDB; on FerretDB's PostgreSQL backend the
 * equality is pushed down; its SQLite backend scans the collection (docs/performance.md).
 */
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
    const series = seriesKey(c.series);
    return this.writes.run(c.key, () =>
      guardedIncrement(this.model, {
        key: { _id: c.key },
        contributionId: articleId,
        guardField: 'inflight',
        inc: bucketIncrements(c, firsts),
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
    const series = [...new Set(seriesKeys)];
    let rows: BucketRow[];
    if (interval === 'minute') {
      const docs = await Promise.all(
        series.map((s) =>
          this.model
            .find({ si: seriesInterval(s, 'minute'), bucketStart: { $gte: from, $lt: to } }, { inflight: 0 })
            .lean<BucketDocument[]>(),
        ),
      );
      rows = docs.flat().map(dayRow);
    } else {
      const days = await this.days(series, from, to, { inflight: 0, ...(interval === 'hour' ? { entities: 0 } : {}) });
      rows =
        interval === 'day'
          ? days.map(dayRow)
          : days.flatMap((doc) =>
              Object.entries(doc.hours ?? {}).map(([slot, h]) => hourRow(doc.series, doc.bucketStart, slot, h)),
            );
      rows = rows.filter((r) => r.bucketStart >= from && r.bucketStart < to);
    }
    return rows.sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  }

  async findSourceTotals(
    sourceIds: readonly string[],
    interval: TrendInterval,
    from: Date,
    to: Date,
  ): Promise<Array<{ bucketStart: Date; sources: Map<string, number> }>> {
    const projection: Record<string, 1> = { bucketStart: 1, series: 1 };
    for (const id of sourceIds) {
      const field = encodeFieldName(id);
      if (interval === 'day') projection[`sources.${field}`] = 1;
      else for (let h = 0; h < 24; h += 1) projection[`hours.${String(h).padStart(2, '0')}.sources.${field}`] = 1;
    }
    const days = await this.days([seriesKey({ kind: 'all', id: '*' })], from, to, projection);
    const rows =
      interval === 'day'
        ? days.map((d) => ({ bucketStart: d.bucketStart, sources: decodeMap(d.sources) }))
        : days.flatMap((d) =>
            Object.entries(d.hours ?? {}).map(([slot, h]) => ({
              bucketStart: new Date(d.bucketStart.getTime() + Number(slot) * INTERVAL_MS.hour),
              sources: decodeMap(h.sources),
            })),
          );
    return rows
      .filter((r) => r.bucketStart >= from && r.bucketStart < to)
      .sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  }

  async deleteSeries(series: string): Promise<number> {
    return (await this.model.deleteMany({ series })).deletedCount;
  }

  /** The day documents of the series in [from, to): one equality-and-range read per series. */
  private async days(
    series: readonly string[],
    from: Date,
    to: Date,
    projection: Record<string, 0 | 1>,
  ): Promise<BucketDocument[]> {
    const docs = await Promise.all(
      series.map((s) =>
        this.model
          .find({ si: seriesInterval(s, 'day'), bucketStart: { $gte: bucketStart('day', from), $lt: to } }, projection)
          .lean<BucketDocument[]>(),
      ),
    );
    return docs.flat();
  }
}
