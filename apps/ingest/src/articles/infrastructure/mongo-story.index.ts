import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, findEachById, findEachByValue, insertOnce } from '@media-monitor/persistence';
import type { StoryIndex } from '../application/story.index.js';
import type { StoryCandidate } from '../domain/story-decision.js';
import {
  STORY_ASSIGNMENT_MODEL,
  STORY_BAND_MODEL,
  storyAssignmentSchema,
  storyBandSchema,
  type StoryAssignmentDocument,
  type StoryBandDocument,
} from './article.schema.js';

@Injectable()
export class MongoStoryIndex implements StoryIndex {
  private readonly bands: Model<StoryBandDocument>;
  private readonly assignments: Model<StoryAssignmentDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    const model = <T>(name: string, schema: import('mongoose').Schema<T>) =>
      (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
    this.bands = model(STORY_BAND_MODEL, storyBandSchema);
    this.assignments = model(STORY_ASSIGNMENT_MODEL, storyAssignmentSchema);
  }

  async addBands(articleId: string, bandKeys: readonly string[], signature: string): Promise<void> {
    await insertOnce(this.bands, { _id: articleId, bands: [...bandKeys], signature });
  }

  async candidates(articleId: string, bandKeys: readonly string[], limit: number): Promise<StoryCandidate[]> {
    // One indexed equality read per band, not `bands: { $in }` (FerretDB scans for `$in`; ADR 0008).
    const members = await findEachByValue(this.bands, 'bands', bandKeys, {
      extra: { _id: { $ne: articleId } },
      projection: { signature: 1 },
      limit,
    });
    if (members.length === 0) return [];
    const placed = await findEachById(
      this.assignments,
      members.map((m) => m._id),
    );
    const stories = new Map(placed.map((p) => [p._id, p.storyId]));
    return members.map((m) => ({
      articleId: m._id,
      signature: m.signature,
      ...(stories.has(m._id) ? { storyId: stories.get(m._id)! } : {}),
    }));
  }

  async assign(articleId: string, storyId: string): Promise<string> {
    await insertOnce(this.assignments, { _id: articleId, storyId, at: new Date() });
    return (await this.storyOf(articleId)) ?? storyId;
  }

  async storyOf(articleId: string): Promise<string | undefined> {
    const doc = await this.assignments.findById(articleId).lean<StoryAssignmentDocument>();
    return doc?.storyId;
  }
}
