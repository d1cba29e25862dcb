import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, trusted } from '@media-monitor/persistence';
import { HOUR_MS, emptyHour, type HourlySeries } from '../detection/hourly-series.js';
import type { EntityHour } from '../detection/new-entity-detector.js';
import { SERIES_MODEL, decodeKey, seriesSchema, type SeriesBucketDocument } from './series.schemas.js';

/** A stretch of one subject's buckets, as the detectors and the explanations need it. */
export interface SeriesSlice {
  series: HourlySeries;
  entityHours: EntityHour[];
  /** Per hour index: the articles and source counts (for samples and top sources). */
  articleIds: string[][];
  sources: Array<Record<string, number>>;
}

const decodeCounts = (counts: Record<string, number> | undefined) =>
  Object.fromEntries(Object.entries(counts ?? {}).map(([key, n]) => [decodeKey(key), n]));

@Injectable()
export class SeriesReader {
  private readonly buckets: Model<SeriesBucketDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.buckets =
      connection.models[SERIES_MODEL] ?? connection.model<SeriesBucketDocument>(SERIES_MODEL, seriesSchema);
  }

  /** Hours [fromMs, toMs) of a subject, dense (missing hours are empty). */
  async slice(scope: 'topic' | 'entity', subjectId: string, fromMs: number, toMs: number): Promise<SeriesSlice> {
    const docs = await this.buckets
      .find({ scope, subjectId, hourStart: trusted({ $gte: new Date(fromMs), $lt: new Date(toMs) }) })
      .lean<SeriesBucketDocument[]>();
    const length = Math.round((toMs - fromMs) / HOUR_MS);
    const slice: SeriesSlice = {
      series: { startMs: fromMs, hours: Array.from({ length }, emptyHour) },
      entityHours: [],
      articleIds: Array.from({ length }, () => []),
      sources: Array.from({ length }, () => ({})),
    };
    for (const doc of docs) {
      const i = Math.round((doc.hourStart.getTime() - fromMs) / HOUR_MS);
      if (i < 0 || i >= length) continue;
      slice.series.hours[i] = {
        articles: doc.articles,
        toneSum: doc.toneSum,
        toneSqSum: doc.toneSqSum,
        toneCount: doc.toneCount,
      };
      slice.articleIds[i] = doc.articleIds;
      slice.sources[i] = decodeCounts(doc.sources);
      slice.entityHours.push({ startMs: doc.hourStart.getTime(), entities: decodeCounts(doc.entities) });
    }
    return slice;
  }
}
