import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { BackfillProgress, BackfillRepository } from '../application/backfill.repository.js';

interface BackfillDocument extends BackfillProgress {
  /** `<topicId>@<version>`. */
  _id: string;
}

const MODEL = 'TopicBackfill';
const schema = new mongoose.Schema<BackfillDocument>(
  {
    _id: String,
    topicId: { type: String, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true },
    total: Number,
    scanned: Number,
    matched: Number,
    cursor: String,
    createdAt: Date,
    notBefore: Date,
    startedAt: Date,
    updatedAt: Date,
    finishedAt: Date,
    error: String,
  },
  { collection: 'topic_backfills', versionKey: false },
);
schema.index({ topicId: 1, version: -1 });
schema.index({ status: 1 });

const idOf = (topicId: string, version: number) => `${topicId}@${version}`;
const toProgress = ({ _id, ...doc }: BackfillDocument): BackfillProgress => ({
  ...doc,
  cursor: doc.cursor ?? null,
  startedAt: doc.startedAt ?? null,
  finishedAt: doc.finishedAt ?? null,
  error: doc.error ?? null,
});

@Injectable()
export class MongoBackfillRepository implements BackfillRepository {
  private readonly model: Model<BackfillDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[MODEL] ?? connection.model<BackfillDocument>(MODEL, schema);
  }

  async create(progress: BackfillProgress): Promise<void> {
    await insertOnce(this.model, { _id: idOf(progress.topicId, progress.version), ...progress });
  }

  async get(topicId: string, version: number): Promise<BackfillProgress | null> {
    const doc = await this.model.findById(idOf(topicId, version)).lean<BackfillDocument>();
    return doc ? toProgress(doc) : null;
  }

  async ofTopic(topicId: string): Promise<BackfillProgress[]> {
    const docs = await this.model.find({ topicId }).lean<BackfillDocument[]>();
    return docs.map(toProgress).sort((a, b) => b.version - a.version);
  }

  async latest(): Promise<Map<string, BackfillProgress>> {
    const latest = new Map<string, BackfillProgress>();
    for (const progress of (await this.model.find({}).lean<BackfillDocument[]>()).map(toProgress)) {
      const seen = latest.get(progress.topicId);
      if (!seen || seen.version < progress.version) latest.set(progress.topicId, progress);
    }
    return latest;
  }

  async unfinished(): Promise<BackfillProgress[]> {
    const docs = await this.model.find({ status: trusted({ $in: ['waiting', 'running'] }) }).lean<BackfillDocument[]>();
    return docs.map(toProgress).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async update(topicId: string, version: number, set: Partial<BackfillProgress>): Promise<void> {
    await this.model.updateOne({ _id: idOf(topicId, version) }, { $set: set });
  }
}
