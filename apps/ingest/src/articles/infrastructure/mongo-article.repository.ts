import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, findEachById, insertOnce } from '@media-monitor/persistence';
import type { Article } from '../domain/article.js';
import type { ArticleRepository, StoredArticle } from '../application/article.repository.js';
import { ArticleMapper } from './article.mapper.js';
import {
  ARTICLE_MODEL,
  CONTENT_HASH_MODEL,
  articleSchema,
  contentHashSchema,
  type ArticleDocument,
  type ContentHashDocument,
} from './article.schema.js';

function modelOf<T>(connection: Connection, name: string, schema: import('mongoose').Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

function stored(doc: ArticleDocument, inserted: boolean): StoredArticle {
  return {
    article: ArticleMapper.toDomain(doc),
    inserted,
    published: doc.announcedAt != null,
    ...(doc.duplicateOf ? { duplicateOf: doc.duplicateOf } : {}),
  };
}

@Injectable()
export class MongoArticleRepository implements ArticleRepository {
  private readonly model: Model<ArticleDocument>;
  private readonly hashes: Model<ContentHashDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = modelOf(connection, ARTICLE_MODEL, articleSchema);
    this.hashes = modelOf(connection, CONTENT_HASH_MODEL, contentHashSchema);
  }

  async insertIfAbsent(article: Article): Promise<StoredArticle> {
    const document = ArticleMapper.toDocument(article);
    if ((await insertOnce(this.model, document)) === 'inserted') return stored(document, true);
    const existing = await this.model.findById(article.articleId).lean<ArticleDocument>();
    if (!existing) throw new Error(`article ${article.articleId} reported as stored but not found`);
    return stored(existing, false);
  }

  async findById(articleId: string): Promise<StoredArticle | null> {
    const doc = await this.model.findById(articleId).lean<ArticleDocument>();
    return doc ? stored(doc, false) : null;
  }

  async holdersOf(articleIds: readonly string[]): Promise<Map<string, string>> {
    if (articleIds.length === 0) return new Map();
    const docs = (await findEachById(this.model, articleIds, { _id: 1, duplicateOf: 1 })) as unknown as Array<{
      _id: string;
      duplicateOf: string | null;
    }>;
    return new Map(docs.map((doc) => [doc._id, doc.duplicateOf ?? doc._id]));
  }

  async claimContentHash(contentHash: string, articleId: string): Promise<string> {
    if ((await insertOnce(this.hashes, { _id: contentHash, articleId, at: new Date() })) === 'inserted')
      return articleId;
    const holder = await this.hashes.findById(contentHash).lean<ContentHashDocument>();
    return holder?.articleId ?? articleId;
  }

  async markDuplicate(articleId: string, duplicateOf: string): Promise<void> {
    await this.model.updateOne({ _id: articleId }, { $set: { duplicateOf } });
  }

  async markPublished(articleId: string, storyId: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: articleId, announcedAt: null }, { $set: { storyId, announcedAt: at } });
  }

  async findUnpublished(olderThan: Date, limit: number): Promise<StoredArticle[]> {
    const docs = await this.model
      .find({ announcedAt: null, duplicateOf: null, ingestedAt: { $lt: olderThan } })
      .sort({ ingestedAt: 1 })
      .limit(limit)
      .lean<ArticleDocument[]>();
    return docs.map((doc) => stored(doc, false));
  }
}
