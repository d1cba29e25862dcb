import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import type { ArticleSentimentV1 } from '@media-monitor/contracts';
import { MONGO_CONNECTION, upsertByNaturalKey } from '@media-monitor/persistence';
import type { ToneRepository } from '../application/tone.repository.js';

interface ToneDocument extends Omit<ArticleSentimentV1, 'articleId' | 'publishedAt'> {
  _id: string;
  publishedAt: Date;
}

const MODEL = 'ArticleTone';
const schema = new mongoose.Schema<ToneDocument>(
  {
    _id: String,
    publishedAt: { type: Date, required: true },
    language: String,
    analyzer: mongoose.Schema.Types.Mixed,
    document: mongoose.Schema.Types.Mixed,
    sentences: mongoose.Schema.Types.Mixed,
    entities: mongoose.Schema.Types.Mixed,
  },
  { collection: 'article_tone', versionKey: false },
);

@Injectable()
export class MongoToneRepository implements ToneRepository {
  private readonly model: Model<ToneDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[MODEL] ?? connection.model<ToneDocument>(MODEL, schema);
  }

  async save(analysis: ArticleSentimentV1): Promise<void> {
    const { articleId, publishedAt, ...rest } = analysis;
    await upsertByNaturalKey(this.model, { _id: articleId }, { ...rest, publishedAt: new Date(publishedAt) });
  }
}
