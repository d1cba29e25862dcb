import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import {
  MONGO_CONNECTION,
  findEachById,
  findEachByValue,
  insertEachOnce,
  insertOnce,
  trusted,
} from '@media-monitor/persistence';
import type { StoryIndex } from '../application/story.index.js';
import type { StoryCandidate } from '../domain/story-decision.js';
import {
  STORY_ASSIGNMENT_MODEL,
  STORY_BAND_KEY_MODEL,
  STORY_BAND_MODEL,
  storyAssignmentSchema,
  storyBandKeySchema,
  storyBandSchema,
  type StoryAssignmentDocument,
  type StoryBandDocument,
  type StoryBandKeyDocument,
} from './article.schema.js';

/** Marks, among the band keys, that the keys of bands stored before the key claims existed are claimed. */
const CLAIMED_FROM_BANDS = '#claimed-from-bands';

@Injectable()
export class MongoStoryIndex implements StoryIndex, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MongoStoryIndex.name);
  private claiming?: Promise<void>;
  private stopping = false;
  private readonly bands: Model<StoryBandDocument>;
  private readonly bandKeys: Model<StoryBandKeyDocument>;
  private readonly assignments: Model<StoryAssignmentDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    const model = <T>(name: string, schema: import('mongoose').Schema<T>) =>
      (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
    this.bands = model(STORY_BAND_MODEL, storyBandSchema);
    this.bandKeys = model(STORY_BAND_KEY_MODEL, storyBandKeySchema);
    this.assignments = model(STORY_ASSIGNMENT_MODEL, storyAssignmentSchema);
  }

  /** Stores written before the key claims: claims the keys of their bands, in the background. */
  onApplicationBootstrap(): void {
    this.claiming = this.claimStoredBandKeys().catch((error: Error) => {
      if (!this.stopping)
        this.logger.warn(`claiming stored band keys failed (retried at the next start): ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.claiming;
  }

  private async claimStoredBandKeys(): Promise<void> {
    if (await this.bandKeys.exists({ _id: CLAIMED_FROM_BANDS })) return;
    let articles = 0;
    let keys: string[] = [];
    const flush = async () => {
      await insertEachOnce(
        this.bandKeys.collection,
        keys.map((key) => ({ _id: key })),
      );
      keys = [];
    };
    for await (const doc of this.bands.find({}, { bands: 1 }).lean<StoryBandDocument>().cursor({ batchSize: 500 })) {
      if (this.stopping) return;
      keys.push(...doc.bands);
      articles += 1;
      if (keys.length >= 5_000) await flush();
      if (articles % 10_000 === 0) this.logger.log(`claimed the band keys of ${articles} stored articles`);
    }
    await flush();
    await insertOnce(this.bandKeys, { _id: CLAIMED_FROM_BANDS });
    if (articles > 0) this.logger.log(`claimed the band keys of ${articles} stored articles: done`);
  }

  async addBands(articleId: string, bandKeys: readonly string[], signature: string): Promise<string[]> {
    // The article's bands document first, then the key claims: whoever finds a key claimed
    // finds the claimant's bands document too (ADR 0003, stories).
    await insertOnce(this.bands, { _id: articleId, bands: [...bandKeys], signature });
    const keys = [...new Set(bandKeys)];
    const refused = await insertEachOnce(
      this.bandKeys.collection,
      keys.map((key) => ({ _id: key })),
    );
    return refused.map((index) => keys[index]!);
  }

  async candidates(articleId: string, bandKeys: readonly string[], limit: number): Promise<StoryCandidate[]> {
    if (bandKeys.length === 0) return [];
    // One indexed equality read per band, not `bands: { $in }` (FerretDB scans for `$in`; ADR 0008).
    const members = await findEachByValue(this.bands, 'bands', bandKeys, {
      extra: { _id: trusted({ $ne: articleId }) },
      projection: { signature: 1 },
      limit,
    });
    return members.map((m) => ({ articleId: m._id, signature: m.signature }));
  }

  async storiesOf(articleIds: readonly string[]): Promise<Map<string, string>> {
    const placed = await findEachById(this.assignments, articleIds);
    return new Map(placed.map((p) => [p._id, p.storyId]));
  }

  async assign(articleId: string, storyId: string): Promise<string> {
    if ((await insertOnce(this.assignments, { _id: articleId, storyId, at: new Date() })) === 'inserted')
      return storyId;
    return (await this.storyOf(articleId)) ?? storyId;
  }

  async storyOf(articleId: string): Promise<string | undefined> {
    const doc = await this.assignments.findById(articleId).lean<StoryAssignmentDocument>();
    return doc?.storyId;
  }
}
