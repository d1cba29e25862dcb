import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce } from '@media-monitor/persistence';
import type { StoryIndex } from '../application/story.index.js';
import type { StoryCandidate } from '../domain/story-decision.js';
import {
  ARTICLE_MODEL,
  STORY_ASSIGNMENT_MODEL,
  STORY_BAND_MODEL,
  articleSchema,
  storyAssignmentSchema,
  storyBandSchema,
  type ArticleDocument,
  type StoryAssignmentDocument,
  type StoryBandDocument,
} from './article.schema.js';

@Injectable()
export class MongoStoryIndex implements StoryIndex {
  private readonly bands: Model<StoryBandDocument>;
  private readonly assignments: Model<StoryAssignmentDocument>;
  private readonly articles: Model<ArticleDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    const model = <T>(name: string, schema: import('mongoose').Schema<T>) =>
      (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
    this.bands = model(STORY_BAND_MODEL, storyBandSchema);
    this.assignments = model(STORY_ASSIGNMENT_MODEL, storyAssignmentSchema);
    this.articles = model(ARTICLE_MODEL, articleSchema);
  }

  async addBands(articleId: string, bandKeys: readonly string[]): Promise<void> {
    for (const band of bandKeys) await insertOnce(this.bands, { _id: `${band}|${articleId}`, band, articleId });
  }

  async candidates(articleId: string, bandKeys: readonly string[], limit: number): Promise<StoryCandidate[]> {
    const members = await this.bands
      .find({ band: { $in: [...bandKeys] }, articleId: { $ne: articleId } }, { articleId: 1 })
      .limit(limit * 4)
      .lean<Array<{ articleId: string }>>();
    const ids = [...new Set(members.map((m) => m.articleId))].slice(0, limit);
    if (ids.length === 0) return [];
    const [articles, placed] = await Promise.all([
      this.articles.find({ _id: { $in: ids } }, { signature: 1 }).lean<Array<{ _id: string; signature: string }>>(),
      this.assignments.find({ _id: { $in: ids } }).lean<StoryAssignmentDocument[]>(),
    ]);
    const stories = new Map(placed.map((p) => [p._id, p.storyId]));
    return articles.map((a) => ({
      articleId: a._id,
      signature: a.signature,
      ...(stories.has(a._id) ? { storyId: stories.get(a._id)! } : {}),
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
