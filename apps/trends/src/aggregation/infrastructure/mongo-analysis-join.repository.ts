import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION } from '@media-monitor/persistence';
import type { AnalysisJoinRepository } from '../application/analysis-join.repository.js';
import {
  topicVersionKey,
  type EntitiesHalf,
  type JoinedAnalysis,
  type MatchedTopic,
  type SentimentHalf,
} from '../domain/joined-analysis.js';
import { JOIN_MODEL, joinSchema, type JoinDocument } from './trends.schemas.js';

/** The join documents; callers serialise work on one article (FerretDB v1 loses concurrent updates). */
@Injectable()
export class MongoAnalysisJoinRepository implements AnalysisJoinRepository {
  private readonly model: Model<JoinDocument>;
  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[JOIN_MODEL] ?? connection.model<JoinDocument>(JOIN_MODEL, joinSchema);
  }

  saveHalf(
    articleId: string,
    half: { entities: EntitiesHalf } | { sentiment: SentimentHalf },
  ): Promise<JoinedAnalysis> {
    return this.upsert(articleId, { $set: half });
  }

  addMatchedTopics(articleId: string, topics: readonly MatchedTopic[]): Promise<JoinedAnalysis> {
    const set: Record<string, MatchedTopic> = {};
    for (const t of topics) set[`matchedTopics.${topicVersionKey(t.topicId, t.version)}`] = t;
    return this.upsert(articleId, { $set: set });
  }

  async markAttempting(articleId: string, sets: readonly string[]): Promise<void> {
    await this.model.updateOne({ _id: articleId }, { $addToSet: { attempting: { $each: [...sets] } } });
  }

  async markApplied(
    articleId: string,
    sets: readonly string[],
    releasing: readonly string[],
    dropText: boolean,
  ): Promise<void> {
    await this.model.updateOne(
      { _id: articleId },
      {
        $addToSet: { applied: { $each: [...sets] } },
        $set: { releasing: [...releasing], releasePending: true, countedAt: new Date() },
        ...(dropText ? { $unset: { 'entities.text': '' } } : {}),
      },
    );
  }

  async markReleased(articleId: string): Promise<void> {
    await this.model.updateOne({ _id: articleId }, { $unset: { releasing: '', releasePending: '' } });
  }

  async findReleasing(limit: number): Promise<Array<{ articleId: string; releasing: string[] }>> {
    const docs = await this.model
      .find({ releasePending: true }, { releasing: 1 })
      .limit(limit)
      .lean<Array<Pick<JoinDocument, '_id' | 'releasing'>>>();
    return docs.map((d) => ({ articleId: d._id, releasing: d.releasing ?? [] }));
  }

  private async upsert(articleId: string, update: object): Promise<JoinedAnalysis> {
    const doc = await this.model
      .findOneAndUpdate({ _id: articleId }, update, { upsert: true, returnDocument: 'after' })
      .lean<JoinDocument>();
    if (!doc) throw new Error(`join for article ${articleId} vanished after upsert`);
    return {
      articleId,
      ...(doc.entities ? { entities: { ...doc.entities, text: doc.entities.text ?? '' } } : {}),
      ...(doc.sentiment ? { sentiment: doc.sentiment } : {}),
      matchedTopics: Object.values(doc.matchedTopics ?? {}),
      applied: doc.applied ?? [],
      attempting: doc.attempting ?? [],
      releasing: doc.releasing ?? [],
    };
  }
}
