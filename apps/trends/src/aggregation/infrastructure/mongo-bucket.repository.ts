import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { Tone } from '@media-monitor/contracts';
import { KeySerializer, MONGO_CONNECTION, guardedIncrement } from '@media-monitor/persistence';
import type { BucketRepository, BucketRow } from '../application/bucket.repository.js';
import { topicHourKey } from '../domain/buckets.js';
import { TOPIC_BUCKET_MODEL, topicBucketSchema, type TopicBucketDocument } from './trends.schemas.js';

@Injectable()
export class MongoBucketRepository implements BucketRepository {
  private readonly model: Model<TopicBucketDocument>;
  /** One write at a time per bucket document (see KeySerializer: FerretDB v1 loses concurrent updates). */
  private readonly writes = new KeySerializer();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      connection.models[TOPIC_BUCKET_MODEL] ??
      connection.model<TopicBucketDocument>(TOPIC_BUCKET_MODEL, topicBucketSchema);
  }

  addToTopicHour(topicId: string, start: Date, articleId: string, tone: Tone): Promise<'applied' | 'already-applied'> {
    const key = topicHourKey(topicId, start);
    return this.writes.run(key, () =>
      guardedIncrement(this.model, {
        key: { _id: key },
        contributionId: articleId,
        guardField: 'articleIds',
        inc: { articles: 1, toneSum: tone.score, toneCount: 1, [tone.label]: 1 },
        setOnInsert: { topicId, interval: 'hour', bucketStart: start },
      }),
    );
  }

  async findTopicHours(topicId: string, from: Date, to: Date): Promise<BucketRow[]> {
    const docs = await this.model
      .find({ topicId, interval: 'hour', bucketStart: { $gte: from, $lt: to } })
      .sort({ bucketStart: 1 })
      .lean<TopicBucketDocument[]>();
    return docs.map(({ _id, topicId: _t, interval: _i, ...row }) => row);
  }
}
