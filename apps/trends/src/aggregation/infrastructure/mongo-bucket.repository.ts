import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { TrendInterval } from '@media-monitor/contracts';
import { MONGO_CONNECTION, findEachById, guardedIncrement, type KeyedLock, trusted } from '@media-monitor/persistence';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import type { BucketFirsts, BucketRepository, BucketRow } from '../application/bucket.repository.js';
import { bucketIncrements } from '../domain/bucket-increments.js';
import { INTERVAL_MS, bucketStarts, decodeFieldName, seriesKey } from '../domain/buckets.js';
import { DayDocumentCache } from './day-document.cache.js';
import type { BucketContribution } from '../domain/contributions.js';
import {
  bucketModels,
  bucketPartition,
  type BucketDocument,
  type BucketPartition,
  type HourCounters,
} from './trends.schemas.js';

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

/** Day documents of days that ended this long ago are cached (later ones still take articles). */
const CLOSED_AFTER_MS = INTERVAL_MS.day + 2 * INTERVAL_MS.hour;
/** How long a cached day document is trusted against other trends replicas' writes. */
const DAY_CACHE_TTL_MS = 10_000;
/** Cached day documents at most (per projection): 30 days of 10 series and the global one, twice. */
const DAY_CACHE_ENTRIES = 600;
/** The projections day documents are read with (`days()`): a write drops its document in each. */
const DAY_VIEW_PROJECTIONS = [{ inflight: 0 }, { inflight: 0, entities: 0 }] as const;
const DAY_VIEWS = DAY_VIEW_PROJECTIONS.map((projection) => JSON.stringify(projection));

/**
 * Buckets: minute documents, and day documents that also hold their hours, so an hourly series
 * of 30 days is 30 documents, read by key. Minute reads are one query per series on `si`
 * (equality, indexed on FerretDB's PostgreSQL backend too) and `bucketStart` (range).
 */
@Injectable()
export class MongoBucketRepository implements BucketRepository {
  private readonly models: Record<BucketPartition, Model<BucketDocument>>;
  /** Closed days' documents between queries (DayDocumentCache); keyed `<projection>#<_id>`. */
  private readonly closedDays = new DayDocumentCache<BucketDocument>(DAY_CACHE_ENTRIES, DAY_CACHE_TTL_MS);
  /**
   * The rows decoded from a day document, kept with the document object itself: a closed day's
   * cached document is decoded once instead of at every query (its count maps hold 24 hours × the
   * sources seen); an open day's document is read anew each time, and its rows go with it.
   * Nobody mutates rows (queries add them up into new objects).
   */
  private readonly hourRowsOfDoc = new WeakMap<BucketDocument, BucketRow[]>();
  private readonly hourSourcesOfDoc = new WeakMap<
    BucketDocument,
    Array<{ bucketStart: Date; sources: Map<string, number> }>
  >();
  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    /** One write at a time per bucket document: FerretDB v1 loses concurrent updates (TRENDS_WRITE_LOCK). */
    @Inject(TRENDS_WRITE_LOCK) private readonly writes: KeyedLock,
  ) {
    this.models = bucketModels(connection);
  }

  /** The collection of a bucket key (`topic:bars@2|day|…`) or series and interval. */
  private modelOf(series: string, interval: TrendInterval): Model<BucketDocument> {
    return this.models[bucketPartition(series, interval)];
  }

  add(c: BucketContribution, articleId: string, firsts: BucketFirsts): Promise<'applied' | 'already-applied'> {
    const series = seriesKey(c.series);
    return this.writes.run(c.key, async () => {
      try {
        return await this.increment(c, series, articleId, firsts);
      } finally {
        if (c.interval === 'day') for (const view of DAY_VIEWS) this.closedDays.invalidate(`${view}#${c.key}`);
      }
    });
  }

  private increment(c: BucketContribution, series: string, articleId: string, firsts: BucketFirsts) {
    return guardedIncrement(this.modelOf(series, c.interval), {
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
    });
  }

  async release(keys: readonly string[], articleId: string): Promise<void> {
    await Promise.all(
      [...new Set(keys)].map((key) =>
        this.writes.run(key, () =>
          this.modelOf(key, key.includes('|minute|') ? 'minute' : 'day').updateOne(
            { _id: key },
            { $pull: { inflight: articleId } },
          ),
        ),
      ),
    );
  }

  async find(seriesKeys: readonly string[], interval: TrendInterval, from: Date, to: Date): Promise<BucketRow[]> {
    const series = [...new Set(seriesKeys)];
    let rows: BucketRow[];
    if (interval === 'minute') {
      const docs = await Promise.all(
        series.map((s) =>
          this.modelOf(s, 'minute')
            .find({ si: seriesInterval(s, 'minute'), bucketStart: trusted({ $gte: from, $lt: to }) }, { inflight: 0 })
            .lean<BucketDocument[]>(),
        ),
      );
      rows = docs.flat().map(dayRow);
    } else {
      const days = await this.days(series, from, to, { inflight: 0, ...(interval === 'hour' ? { entities: 0 } : {}) });
      rows = interval === 'day' ? days.map(dayRow) : days.flatMap((doc) => this.hourRows(doc));
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
    // Whole documents: FerretDB applies a projection of thousands of paths (24 hours × the sources)
    // far slower than it sends the document (measured: seconds against milliseconds).
    const wanted = new Set(sourceIds);
    const only = (map: Map<string, number>) => new Map([...map].filter(([id]) => wanted.has(id)));
    const days = await this.days([seriesKey({ kind: 'all', id: '*' })], from, to, { inflight: 0, entities: 0 });
    const rows =
      interval === 'day'
        ? days.map((d) => ({ bucketStart: d.bucketStart, sources: only(decodeMap(d.sources)) }))
        : days.flatMap((d) =>
            this.hourSources(d).map((h) => ({ bucketStart: h.bucketStart, sources: only(h.sources) })),
          );
    return rows
      .filter((r) => r.bucketStart >= from && r.bucketStart < to)
      .sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  }

  async daySpan(series: string): Promise<{ first: Date; last: Date } | null> {
    // One indexed equality on `si`; a document per day of the series, only its start sent back.
    const docs = await this.modelOf(series, 'day')
      .find({ si: seriesInterval(series, 'day') }, { bucketStart: 1 })
      .lean<Array<Pick<BucketDocument, 'bucketStart'>>>();
    if (docs.length === 0) return null;
    const times = docs.map((d) => d.bucketStart.getTime());
    return { first: new Date(Math.min(...times)), last: new Date(Math.max(...times)) };
  }

  private hourRows(doc: BucketDocument): BucketRow[] {
    let rows = this.hourRowsOfDoc.get(doc);
    if (!rows) {
      rows = Object.entries(doc.hours ?? {}).map(([slot, h]) => hourRow(doc.series, doc.bucketStart, slot, h));
      this.hourRowsOfDoc.set(doc, rows);
    }
    return rows;
  }

  private hourSources(doc: BucketDocument): Array<{ bucketStart: Date; sources: Map<string, number> }> {
    let hours = this.hourSourcesOfDoc.get(doc);
    if (!hours) {
      hours = Object.entries(doc.hours ?? {}).map(([slot, h]) => ({
        bucketStart: new Date(doc.bucketStart.getTime() + Number(slot) * INTERVAL_MS.hour),
        sources: decodeMap(h.sources),
      }));
      this.hourSourcesOfDoc.set(doc, hours);
    }
    return hours;
  }

  async deleteSeries(series: string): Promise<number> {
    const minutes = this.modelOf(series, 'minute');
    const days = this.modelOf(series, 'day');
    this.closedDays.clear();
    const deleted = await Promise.all(
      [...new Set([minutes, days])]
        .filter(Boolean)
        .map(async (model) => (await model.deleteMany({ series })).deletedCount),
    );
    return deleted.reduce((a, b) => a + b, 0);
  }

  /**
   * The day documents of the series in [from, to), read by their keys (`<series>|day|<start>`):
   * one indexed `_id` read per day and series, so the cost follows the days asked for, not the
   * history stored (FerretDB v1.24 scans for ranges and `$in`; ADR 0008). Missing days are absent.
   */
  private async days(
    series: readonly string[],
    from: Date,
    to: Date,
    projection: Record<string, 0 | 1>,
  ): Promise<BucketDocument[]> {
    const starts = bucketStarts('day', from, to);
    const view = JSON.stringify(projection);
    // Only the views writes invalidate are cached.
    const closedBefore = DAY_VIEWS.includes(view) ? Date.now() - CLOSED_AFTER_MS : -Infinity;
    const mark = this.closedDays.mark();
    const docs = await Promise.all(
      series.map(async (s) => {
        const ids = starts.map((start) => ({
          id: `${s}|day|${start.toISOString()}`,
          closed: start.getTime() < closedBefore,
        }));
        const known = new Map(
          ids.map(({ id, closed }) => [id, closed ? this.closedDays.get(`${view}#${id}`) : undefined]),
        );
        const wanted = ids.filter(({ id }) => known.get(id) === undefined);
        const read = new Map(
          (
            await findEachById(
              this.modelOf(s, 'day'),
              wanted.map(({ id }) => id),
              projection,
            )
          ).map((doc) => [doc._id, doc]),
        );
        for (const { id, closed } of wanted)
          if (closed) this.closedDays.set(`${view}#${id}`, read.get(id) ?? null, mark);
        return ids.map(({ id }) => known.get(id) ?? read.get(id)).filter((doc): doc is BucketDocument => !!doc);
      }),
    );
    return docs.flat();
  }
}
