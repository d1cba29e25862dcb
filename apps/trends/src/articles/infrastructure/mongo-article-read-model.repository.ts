import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { ArticleDetail, ArticleSummary } from '@media-monitor/contracts';
import { MONGO_CONNECTION, trusted } from '@media-monitor/persistence';
import { topicVersionKey, type CompleteAnalysis, type MatchedTopic } from '../../aggregation/domain/joined-analysis.js';
import type { ArticleCursor, ArticleQuery, ArticleReadModel } from '../application/article-read-model.repository.js';
import { articleDetailOf, topicKeysOf } from '../domain/article-record.js';
import { ARTICLE_RECORD_MODEL, articleRecordSchema, type ArticleRecordDocument } from './article-record.schema.js';

const SUMMARY_FIELDS = { entities: 0 } as const;

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
export class MongoArticleReadModel implements ArticleReadModel {
  private readonly model: Model<ArticleRecordDocument>;
  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      connection.models[ARTICLE_RECORD_MODEL] ??
      connection.model<ArticleRecordDocument>(ARTICLE_RECORD_MODEL, articleRecordSchema);
  }

  async save(analysis: CompleteAnalysis): Promise<void> {
    const { articleId, publishedAt, topics, ...detail } = articleDetailOf(analysis);
    await this.model.updateOne(
      { _id: articleId },
      {
        $set: {
          ...detail,
          publishedAt: new Date(publishedAt),
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

  async list(query: ArticleQuery, limit: number, after?: ArticleCursor): Promise<ArticleSummary[]> {
    const filter: Record<string, unknown> = {};
    if (query.topicKey) filter['topicKeys'] = query.topicKey;
    if (query.entityId) filter['entityIds'] = query.entityId;
    if (query.sourceId) filter['sourceId'] = query.sourceId;
    if (query.language) filter['language'] = query.language;
    if (query.toneLabel) filter['toneLabel'] = query.toneLabel;
    const range: Record<string, Date> = {};
    if (query.from) range['$gte'] = query.from;
    if (query.to) range['$lt'] = query.to;
    const and: object[] = [];
    if (Object.keys(range).length) and.push({ publishedAt: trusted(range) });
    if (after) {
      and.push({
        $or: [
          { publishedAt: trusted({ $lt: after.publishedAt }) },
          { publishedAt: after.publishedAt, _id: trusted({ $lt: after.articleId }) },
        ],
      });
    }
    if (and.length) filter['$and'] = and;
    const docs = await this.model
      .find(filter, SUMMARY_FIELDS)
      .sort({ publishedAt: -1, _id: -1 })
      .limit(limit)
      .lean<ArticleRecordDocument[]>();
    return docs.map(toSummary);
  }

  async get(articleId: string): Promise<ArticleDetail | null> {
    const doc = await this.model.findOne({ _id: articleId }).lean<ArticleRecordDocument>();
    if (!doc) return null;
    return { ...toSummary(doc), topics: Object.values(doc.topics ?? {}), entities: doc.entities };
  }
}
