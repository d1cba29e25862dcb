import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { KeySerializer, MONGO_CONNECTION, guardedIncrement, trusted } from '@media-monitor/persistence';
import { hourFloor } from '../detection/hourly-series.js';
import { SERIES_MODEL, bucketIdFor, encodeKey, seriesSchema, type SeriesBucketDocument } from './series.schemas.js';

/**
 * Counts each analysed article once into the hourly bucket (by publication hour) of each of its
 * topics and entities. Writes to one bucket go one at a time (FerretDB v1 loses concurrent
 * updates to one document, ADR 0001 §9); the guard makes a redelivered article count nothing.
 */
@Injectable()
export class SeriesRecorder {
  readonly buckets: Model<SeriesBucketDocument>;
  private readonly serializer = new KeySerializer();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.buckets =
      connection.models[SERIES_MODEL] ?? connection.model<SeriesBucketDocument>(SERIES_MODEL, seriesSchema);
  }

  async record(article: ArticleAnalyzedV1): Promise<void> {
    const hourStart = new Date(hourFloor(Date.parse(article.publishedAt)));
    const score = article.tone.score;
    const base = { articles: 1, toneSum: score, toneSqSum: score * score, toneCount: 1 };
    const source = { [`sources.${encodeKey(article.source.id)}`]: 1 };
    const writes = [
      ...article.topicIds.map((topicId) => ({
        scope: 'topic' as const,
        subjectId: topicId,
        inc: {
          ...base,
          ...source,
          ...Object.fromEntries(article.entityIds.map((entityId) => [`entities.${encodeKey(entityId)}`, 1])),
        },
      })),
      ...article.entityIds.map((entityId) => ({
        scope: 'entity' as const,
        subjectId: entityId,
        inc: { ...base, ...source },
      })),
    ];
    await Promise.all(
      writes.map(({ scope, subjectId, inc }) => {
        const _id = bucketIdFor(scope, subjectId, hourStart);
        return this.serializer.run(_id, () =>
          guardedIncrement(this.buckets, {
            key: { _id },
            contributionId: article.articleId,
            guardField: 'articleIds',
            inc,
            setOnInsert: { scope, subjectId, hourStart },
          }),
        );
      }),
    );
  }

  /** Deletes buckets of hours before `before` (FerretDB v1 has no TTL indexes); answers how many. */
  async prune(before: Date): Promise<number> {
    return (await this.buckets.deleteMany({ hourStart: trusted({ $lt: before }) })).deletedCount;
  }
}
