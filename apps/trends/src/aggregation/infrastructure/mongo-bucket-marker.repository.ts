import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { TrendInterval } from '@media-monitor/contracts';
import { findEachById, insertEachOnce, MONGO_CONNECTION, trusted } from '@media-monitor/persistence';
import type { BucketMarkerRepository } from '../application/bucket-marker.repository.js';
import type { BucketFirsts } from '../application/bucket.repository.js';
import { seriesKey } from '../domain/buckets.js';
import type { BucketContribution } from '../domain/contributions.js';
import { seriesInterval } from './mongo-bucket.repository.js';
import { MARKER_MODEL, markerSchema, type MarkerDocument } from './trends.schemas.js';

@Injectable()
export class MongoBucketMarkerRepository implements BucketMarkerRepository {
  private readonly model: Model<MarkerDocument>;
  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[MARKER_MODEL] ?? connection.model<MarkerDocument>(MARKER_MODEL, markerSchema);
  }

  /**
   * Inserts every marker at once (unordered: duplicates are skipped, the rest inserted); a marker
   * that exists counts for the article only when it is the one that claimed it (looked up on a retry).
   */
  async claim(
    contributions: readonly BucketContribution[],
    articleId: string,
    retry: boolean,
  ): Promise<Map<string, BucketFirsts>> {
    const docs: MarkerDocument[] = contributions.flatMap((c) => {
      const series = seriesKey(c.series);
      const scopes = [{ key: c.key, interval: c.interval, start: c.start }];
      if (c.hour) scopes.push({ key: c.hour.key, interval: 'hour', start: c.hour.start });
      return scopes.flatMap((scope) => {
        const common = { si: seriesInterval(series, scope.interval), series, bucketStart: scope.start, by: articleId };
        return [
          { _id: `${scope.key}|s|${c.storyId}`, kind: 's' as const, value: c.storyId, ...common },
          { _id: `${scope.key}|p|${c.sourceId}`, kind: 'p' as const, value: c.sourceId, ...common },
        ];
      });
    });
    const refused = await insertEachOnce(this.model.collection, docs);
    const duplicates = new Set(refused.map((index) => docs[index]!._id));
    const claimedEarlier = new Set<string>();
    if (retry && duplicates.size > 0) {
      const existing = (await findEachById(this.model, [...duplicates], { by: 1 })) as Array<
        Pick<MarkerDocument, '_id' | 'by'>
      >;
      for (const doc of existing) if (doc.by === articleId) claimedEarlier.add(doc._id);
    }
    const mine = (id: string) => !duplicates.has(id) || claimedEarlier.has(id);
    return new Map(
      contributions.map((c) => [
        c.key,
        {
          story: mine(`${c.key}|s|${c.storyId}`),
          publisher: mine(`${c.key}|p|${c.sourceId}`),
          ...(c.hour
            ? { hourStory: mine(`${c.hour.key}|s|${c.storyId}`), hourPublisher: mine(`${c.hour.key}|p|${c.sourceId}`) }
            : {}),
        },
      ]),
    );
  }

  async distinct(
    series: string,
    interval: TrendInterval,
    from: Date,
    to: Date,
  ): Promise<Array<{ bucketStart: Date; stories: string[]; publishers: string[] }>> {
    const docs = await this.model
      .find(
        { si: seriesInterval(series, interval), bucketStart: trusted({ $gte: from, $lt: to }) },
        { kind: 1, value: 1, bucketStart: 1 },
      )
      .lean<Array<Pick<MarkerDocument, 'kind' | 'value' | 'bucketStart'>>>();
    const byStart = new Map<number, { bucketStart: Date; stories: string[]; publishers: string[] }>();
    for (const doc of docs) {
      const t = doc.bucketStart.getTime();
      let entry = byStart.get(t);
      if (!entry) byStart.set(t, (entry = { bucketStart: doc.bucketStart, stories: [], publishers: [] }));
      (doc.kind === 's' ? entry.stories : entry.publishers).push(doc.value);
    }
    return [...byStart.values()].sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  }

  async deleteSeries(series: string): Promise<number> {
    return (await this.model.deleteMany({ series })).deletedCount;
  }
}
