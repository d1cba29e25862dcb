import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import type { TopicChangedV1 } from '@media-monitor/contracts';
import { MONGO_CONNECTION, insertOnce } from '@media-monitor/persistence';
import type { TopicChange, TopicChangeLog } from '../application/topic-change.log.js';

interface ChangeDocument {
  /** `<topicId>:<seq>`, the unique key that gives every change its own sequence number. */
  _id: string;
  topicId: string;
  seq: number;
  event: TopicChangedV1;
  createdAt: Date;
  publishedAt: Date | null;
}

const MODEL = 'TopicChange';
const schema = new mongoose.Schema<ChangeDocument>(
  {
    _id: String,
    topicId: { type: String, required: true },
    seq: { type: Number, required: true },
    event: mongoose.Schema.Types.Mixed,
    createdAt: Date,
    publishedAt: Date,
  },
  { collection: 'topic_changes', versionKey: false },
);
schema.index({ publishedAt: 1 });

@Injectable()
export class MongoTopicChangeLog implements TopicChangeLog {
  private readonly model: Model<ChangeDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[MODEL] ?? connection.model<ChangeDocument>(MODEL, schema);
  }

  async append(change: TopicChange): Promise<boolean> {
    const doc: ChangeDocument = {
      _id: `${change.topicId}:${change.seq}`,
      ...change,
      createdAt: new Date(),
      publishedAt: null,
    };
    return (await insertOnce(this.model, doc)) === 'inserted';
  }

  async markPublished(change: TopicChange, at: Date): Promise<void> {
    await this.model.updateOne({ _id: `${change.topicId}:${change.seq}` }, { $set: { publishedAt: at } });
  }

  async unpublished(): Promise<TopicChange[]> {
    const docs = await this.model.find({ publishedAt: null }).lean<ChangeDocument[]>();
    return docs
      .map(({ topicId, seq, event }) => ({ topicId, seq, event }))
      .sort((a, b) => a.topicId.localeCompare(b.topicId) || a.seq - b.seq);
  }
}
