import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { MONGO_CONNECTION } from '@media-monitor/persistence';
import type { TopicRepository } from '../application/topic.repository.js';
import type { Topic } from '../domain/topic.js';

interface TopicDocument extends Omit<Topic, 'topicId'> {
  _id: string;
}

const TOPIC_MODEL = 'Topic';
const topicSchema = new mongoose.Schema<TopicDocument>(
  {
    _id: String,
    name: { type: String, required: true },
    description: String,
    query: { type: String, required: true },
  },
  { collection: 'topics', versionKey: false },
);

@Injectable()
export class MongoTopicRepository implements TopicRepository {
  private readonly model: Model<TopicDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[TOPIC_MODEL] ?? connection.model<TopicDocument>(TOPIC_MODEL, topicSchema);
  }

  async all(): Promise<Topic[]> {
    const docs = await this.model.find({}).lean<TopicDocument[]>();
    return docs.map(({ _id, ...topic }) => ({ ...topic, topicId: _id }));
  }

  async seed(topics: readonly Topic[]): Promise<void> {
    for (const { topicId, ...topic } of topics) {
      await this.model.updateOne({ _id: topicId }, { $setOnInsert: topic }, { upsert: true });
    }
  }
}
