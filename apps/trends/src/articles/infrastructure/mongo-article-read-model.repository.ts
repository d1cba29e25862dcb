import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { ArticleDetail, ArticleSummary } from '@media-monitor/contracts';
import { MONGO_CONNECTION, insertOnce } from '@media-monitor/persistence';
import { topicVersionKey, type CompleteAnalysis, type MatchedTopic } from '../../aggregation/domain/joined-analysis.js';
import type { ArticleQuery, ArticleReadModel } from '../application/article-read-model.repository.js';
import { articleDetailOf, startOfHour, topicKeysOf } from '../domain/article-record.js';
import { ARTICLE_RECORD_MODEL, articleRecordSchema, type ArticleRecordDocument } from './article-record.schema.js';

const SUMMARY_FIELDS = { entities: 0 } as const;
/** Marks, among the records, that those stored before `publishedHour` existed have it. */
const FILLED_PUBLISHED_HOUR = '#filled-published-hour';

function toSummary(doc: ArticleRecordDocument): ArticleSummary {
  return {
    articleId: doc._id,
    url: doc.url,
    title: doc.title,
    snippet: doc.snippet,
    source: doc.source,
    language: doc.language,
    publishedAt: doc.publishedAt.toISOString(),
    storyId: doc.storyId,
    tone: doc.tone,
    topics: Object.values(doc.topics ?? {}).map(({ topicId, version }) => ({ topicId, version })),
    entityIds: doc.entityIds,
  };
}

/** The articles read model: one document per analysed article, written by the aggregation (serialised per article). */
@Injectable()
export class MongoArticleReadModel implements ArticleReadModel, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MongoArticleReadModel.name);
  private readonly model: Model<ArticleRecordDocument>;
  private filling?: Promise<unknown>;
  private stopping = false;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      connection.models[ARTICLE_RECORD_MODEL] ??
      connection.model<ArticleRecordDocument>(ARTICLE_RECORD_MODEL, articleRecordSchema);
  }

  /** Stores written before `publishedHour`: gives their records the field, once, in the background. */
  onApplicationBootstrap(): void {
    this.filling = this.fillPublishedHour().catch((error: Error) => {
      if (!this.stopping) this.logger.warn(`publishedHour fill failed (retried at the next start): ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.filling;
  }

  /** Sets `publishedHour` where it is missing (idempotent: several replicas may run it at once). */
  async fillPublishedHour(): Promise<number> {
    if (await this.model.exists({ _id: FILLED_PUBLISHED_HOUR })) return 0;
    let filled = 0;
    const records = this.model.find({}, { publishedAt: 1, publishedHour: 1 }).lean<ArticleRecordDocument>().cursor();
    for await (const doc of records) {
      if (this.stopping) return filled;
      if (doc.publishedHour || !doc.publishedAt) continue;
      await this.model.updateOne({ _id: doc._id }, { $set: { publishedHour: startOfHour(doc.publishedAt) } });
      filled += 1;
    }
    // The marker bypasses the schema: it is no article (and no article id can name it).
    await insertOnce(this.model.collection, { _id: FILLED_PUBLISHED_HOUR, at: new Date() });
    if (filled > 0) this.logger.log(`articles: ${filled} record(s) stored before publishedHour now have it`);
    return filled;
  }

  async save(analysis: CompleteAnalysis): Promise<void> {
    const { articleId, publishedAt, topics, ...detail } = articleDetailOf(analysis);
    await this.model.updateOne(
      { _id: articleId },
      {
        $set: {
          ...detail,
          publishedAt: new Date(publishedAt),
          publishedHour: startOfHour(new Date(publishedAt)),
          sourceId: detail.source.id,
          toneLabel: detail.tone.label,
          topics: Object.fromEntries(topics.map((t) => [topicVersionKey(t.topicId, t.version), t])),
          topicKeys: topicKeysOf(topics),
        },
      },
      { upsert: true },
    );
  }

  async addTopics(articleId: string, topics: readonly MatchedTopic[]): Promise<void> {
    if (topics.length === 0) return;
    const set: Record<string, MatchedTopic> = {};
    for (const t of topics) set[`topics.${topicVersionKey(t.topicId, t.version)}`] = t;
    await this.model.updateOne(
      { _id: articleId },
      { $set: set, $addToSet: { topicKeys: { $each: topicKeysOf(topics) } } },
    );
  }

  async listHour(query: ArticleQuery, hour: Date): Promise<ArticleSummary[]> {
    const filter: Record<string, unknown> = { publishedHour: hour };
    if (query.topicKey) filter['topicKeys'] = query.topicKey;
    if (query.entityId) filter['entityIds'] = query.entityId;
    if (query.sourceId) filter['sourceId'] = query.sourceId;
    if (query.language) filter['language'] = query.language;
    if (query.toneLabel) filter['toneLabel'] = query.toneLabel;
    const docs = await this.model.find(filter, SUMMARY_FIELDS).lean<ArticleRecordDocument[]>();
    return docs.map(toSummary);
  }

  async get(articleId: string): Promise<ArticleDetail | null> {
    const doc = await this.model.findOne({ _id: articleId }).lean<ArticleRecordDocument>();
    if (!doc) return null;
    return { ...toSummary(doc), topics: Object.values(doc.topics ?? {}), entities: doc.entities };
  }
}
