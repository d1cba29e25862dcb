import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { LegacyTopic, TopicRepository } from '../application/topic.repository.js';
import type { TopicRecord, TopicState, TopicVersion } from '../domain/topic-state.js';

interface TopicDocument extends Omit<TopicRecord, 'topicId'> {
  _id: string;
  /** Only on topics stored by a release before versions. */
  query?: string;
}

interface VersionDocument extends TopicVersion {
  /** `<topicId>@<version>`: two changes cannot both create one version number. */
  _id: string;
}

const TOPIC_MODEL = 'Topic';
const VERSION_MODEL = 'TopicVersion';

const topicSchema = new mongoose.Schema<TopicDocument>(
  {
    _id: String,
    name: { type: String, required: true },
    description: String,
    createdAt: Date,
    updatedAt: Date,
    deletedAt: Date,
    changeSeq: Number,
    firstVersion: Number,
    query: String,
  },
  { collection: 'topics', versionKey: false },
);
const versionSchema = new mongoose.Schema<VersionDocument>(
  {
    _id: String,
    topicId: { type: String, required: true },
    version: { type: Number, required: true },
    query: { type: String, required: true },
    languages: [String],
    sourceIds: [String],
    createdAt: Date,
    completedAt: Date,
    failedAt: Date,
  },
  { collection: 'topic_versions', versionKey: false },
);
versionSchema.index({ topicId: 1, version: 1 });

const versionId = (topicId: string, version: number) => `${topicId}@${version}`;

function toRecord(doc: TopicDocument): TopicRecord {
  const createdAt = doc.createdAt ?? new Date(0);
  return {
    topicId: doc._id,
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    createdAt,
    updatedAt: doc.updatedAt ?? createdAt,
    deletedAt: doc.deletedAt ?? null,
    changeSeq: doc.changeSeq ?? 0,
    firstVersion: doc.firstVersion ?? 1,
  };
}

const toVersion = ({ _id, ...doc }: VersionDocument): TopicVersion => ({
  topicId: doc.topicId,
  version: doc.version,
  query: doc.query,
  languages: doc.languages ?? [],
  sourceIds: doc.sourceIds ?? [],
  createdAt: doc.createdAt,
  completedAt: doc.completedAt ?? null,
  failedAt: doc.failedAt ?? null,
});

@Injectable()
export class MongoTopicRepository implements TopicRepository {
  private readonly topics: Model<TopicDocument>;
  private readonly versions: Model<VersionDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.topics = connection.models[TOPIC_MODEL] ?? connection.model<TopicDocument>(TOPIC_MODEL, topicSchema);
    this.versions = connection.models[VERSION_MODEL] ?? connection.model<VersionDocument>(VERSION_MODEL, versionSchema);
  }

  async states(): Promise<TopicState[]> {
    const [topics, versions] = await Promise.all([
      this.topics.find({}).lean<TopicDocument[]>(),
      this.versions.find({}).lean<VersionDocument[]>(),
    ]);
    const byTopic = new Map<string, TopicVersion[]>();
    for (const doc of versions) {
      const list = byTopic.get(doc.topicId) ?? [];
      list.push(toVersion(doc));
      byTopic.set(doc.topicId, list);
    }
    return topics.map((doc) => ({
      topic: toRecord(doc),
      versions: (byTopic.get(doc._id) ?? []).sort((a, b) => a.version - b.version),
    }));
  }

  async state(topicId: string): Promise<TopicState | null> {
    const [topic, versions] = await Promise.all([
      this.topics.findById(topicId).lean<TopicDocument>(),
      this.versions.find({ topicId }).lean<VersionDocument[]>(),
    ]);
    if (!topic) return null;
    return { topic: toRecord(topic), versions: versions.map(toVersion).sort((a, b) => a.version - b.version) };
  }

  async saveRecord(record: TopicRecord): Promise<void> {
    const { topicId, ...rest } = record;
    await this.topics.replaceOne({ _id: topicId }, rest, { upsert: true });
  }

  async addVersion(version: TopicVersion): Promise<boolean> {
    const inserted = await insertOnce(this.versions, { _id: versionId(version.topicId, version.version), ...version });
    return inserted === 'inserted';
  }

  async completeVersion(topicId: string, version: number, at: Date): Promise<void> {
    await this.versions.updateOne({ _id: versionId(topicId, version) }, { $set: { completedAt: at } });
  }

  async failVersion(topicId: string, version: number, at: Date): Promise<void> {
    await this.versions.updateOne({ _id: versionId(topicId, version) }, { $set: { failedAt: at } });
  }

  async legacy(): Promise<LegacyTopic[]> {
    const docs = await this.topics.find({ query: trusted({ $exists: true }) }).lean<TopicDocument[]>();
    return docs.map((doc) => ({
      topicId: doc._id,
      name: doc.name,
      ...(doc.description ? { description: doc.description } : {}),
      query: doc.query ?? '',
    }));
  }
}
