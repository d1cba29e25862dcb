import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { MONGO_CONNECTION, isDuplicateKeyError } from '@media-monitor/persistence';
import type { TopicState, TopicVersionRepository } from '../application/topic-version.repository.js';

interface TopicDocument {
  _id: string;
  name: string;
  activeVersion: number | null;
  liveVersions: number[];
  deleted: boolean;
  changedAt: Date;
  /** Every version ever reported, kept to know what to clean up. */
  knownVersions: number[];
  cleanup: number[];
  /** True while `cleanup` is not empty (pushed-down equality filter of the job). */
  cleanupPending: boolean;
}

const TOPIC_MODEL = 'TopicVersion';
const topicSchema = new mongoose.Schema<TopicDocument>(
  {
    _id: String,
    name: String,
    activeVersion: { type: Number, default: null },
    liveVersions: [Number],
    deleted: Boolean,
    changedAt: Date,
    knownVersions: [Number],
    cleanup: [Number],
    cleanupPending: Boolean,
  },
  { collection: 'topic_versions', versionKey: false },
);
topicSchema.index({ cleanupPending: 1 });

function toState(doc: TopicDocument): TopicState {
  return {
    topicId: doc._id,
    name: doc.name,
    activeVersion: doc.activeVersion,
    liveVersions: doc.liveVersions,
    deleted: doc.deleted,
    changedAt: doc.changedAt,
    cleanup: doc.cleanup ?? [],
  };
}

/** topic.changed.v1 as trends keeps it; one consumer writes it, in stream order. */
@Injectable()
export class MongoTopicVersionRepository implements TopicVersionRepository {
  private readonly model: Model<TopicDocument>;
  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[TOPIC_MODEL] ?? connection.model<TopicDocument>(TOPIC_MODEL, topicSchema);
  }

  async apply(change: Omit<TopicState, 'cleanup'>): Promise<TopicState | undefined> {
    const existing = await this.model.findOne({ _id: change.topicId }).lean<TopicDocument>();
    if (existing && existing.changedAt.getTime() > change.changedAt.getTime()) return undefined;
    const seen = [...(change.activeVersion ? [change.activeVersion] : []), ...change.liveVersions];
    const known = [...new Set([...(existing?.knownVersions ?? []), ...seen])].sort((a, b) => a - b);
    const keep = new Set(change.deleted ? [] : seen);
    const cleanup = [...new Set([...(existing?.cleanup ?? []), ...known.filter((v) => !keep.has(v))])].filter(
      (v) => !keep.has(v),
    );
    const doc: TopicDocument = {
      _id: change.topicId,
      name: change.name,
      activeVersion: change.activeVersion,
      liveVersions: change.liveVersions,
      deleted: change.deleted,
      changedAt: change.changedAt,
      knownVersions: known,
      cleanup,
      cleanupPending: cleanup.length > 0,
    };
    try {
      await this.model.replaceOne({ _id: change.topicId }, doc, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id: change.topicId }, doc);
    }
    return toState(doc);
  }

  async get(topicId: string): Promise<TopicState | null> {
    const doc = await this.model.findOne({ _id: topicId }).lean<TopicDocument>();
    return doc ? toState(doc) : null;
  }

  async withCleanup(limit: number): Promise<TopicState[]> {
    const docs = await this.model.find({ cleanupPending: true }).limit(limit).lean<TopicDocument[]>();
    return docs.map(toState);
  }

  async cleaned(topicId: string, versions: readonly number[]): Promise<void> {
    const doc = await this.model.findOne({ _id: topicId }).lean<TopicDocument>();
    if (!doc) return;
    const cleanup = (doc.cleanup ?? []).filter((v) => !versions.includes(v));
    await this.model.updateOne({ _id: topicId }, { $set: { cleanup, cleanupPending: cleanup.length > 0 } });
  }
}
