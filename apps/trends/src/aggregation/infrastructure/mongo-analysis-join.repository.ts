import { Inject, Injectable, Optional } from '@nestjs/common';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import type { Connection, Model } from 'mongoose';
import { KeySerializer, MONGO_CONNECTION, type KeyedLock } from '@media-monitor/persistence';
import type { AnalysisJoinRepository } from '../application/analysis-join.repository.js';
import type { JoinedAnalysis } from '../domain/joined-analysis.js';
import { JOIN_MODEL, joinSchema, type JoinDocument } from './trends.schemas.js';

@Injectable()
export class MongoAnalysisJoinRepository implements AnalysisJoinRepository {
  private readonly model: Model<JoinDocument>;
  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    /** The two halves of one article may arrive at once: FerretDB v1 can lose one of two concurrent updates. */
    @Optional() @Inject(TRENDS_WRITE_LOCK) private readonly writes: KeyedLock = new KeySerializer(),
  ) {
    this.model = connection.models[JOIN_MODEL] ?? connection.model<JoinDocument>(JOIN_MODEL, joinSchema);
  }

  async saveHalf(articleId: string, half: Partial<Omit<JoinedAnalysis, 'articleId'>>): Promise<JoinedAnalysis> {
    const doc = await this.writes.run(articleId, () =>
      this.model
        .findOneAndUpdate({ _id: articleId }, { $set: half }, { upsert: true, returnDocument: 'after' })
        .lean<JoinDocument>(),
    );
    if (!doc) throw new Error(`join for article ${articleId} vanished after upsert`);
    return { articleId, entities: doc.entities, sentiment: doc.sentiment };
  }

  async markCounted(articleId: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: articleId }, { $set: { countedAt: at } });
  }
}
