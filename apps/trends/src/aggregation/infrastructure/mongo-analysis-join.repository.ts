import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { KeySerializer, MONGO_CONNECTION } from '@media-monitor/persistence';
import type { AnalysisJoinRepository } from '../application/analysis-join.repository.js';
import type { JoinedAnalysis } from '../domain/joined-analysis.js';
import { JOIN_MODEL, joinSchema, type JoinDocument } from './trends.schemas.js';

@Injectable()
export class MongoAnalysisJoinRepository implements AnalysisJoinRepository {
  private readonly model: Model<JoinDocument>;
  /** The two halves of one article may arrive at once; FerretDB v1 can lose one of two concurrent updates. */
  private readonly writes = new KeySerializer();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
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
