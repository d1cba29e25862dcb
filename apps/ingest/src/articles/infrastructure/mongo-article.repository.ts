import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, findEachById, insertOnce, trusted } from '@media-monitor/persistence';
import type { Article } from '../domain/article.js';
import type { ArticleRepository, StoredArticle } from '../application/article.repository.js';
import { ArticleMapper } from './article.mapper.js';
import {
  ARTICLE_MODEL,
  CONTENT_HASH_MODEL,
  OUTBOX_MODEL,
  articleSchema,
  contentHashSchema,
  outboxSchema,
  type ArticleDocument,
  type ContentHashDocument,
  type OutboxEntryDocument,
} from './article.schema.js';

/** Marks, in the outbox, that articles stored before the outbox existed have their entries. */
const FILLED_FROM_ARTICLES = '#filled-from-articles';

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
export class MongoArticleRepository implements ArticleRepository, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MongoArticleRepository.name);
  private readonly model: Model<ArticleDocument>;
  private readonly hashes: Model<ContentHashDocument>;
  private readonly outbox: Model<OutboxEntryDocument>;
  private filling?: Promise<void>;
  private stopping = false;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = modelOf(connection, ARTICLE_MODEL, articleSchema);
    this.hashes = modelOf(connection, CONTENT_HASH_MODEL, contentHashSchema);
    this.outbox = modelOf(connection, OUTBOX_MODEL, outboxSchema);
  }

  /** Stores written before the outbox: gives their unannounced articles an entry, once, in the background. */
  onApplicationBootstrap(): void {
    this.filling = this.fillFromArticles().catch((error: Error) => {
      if (!this.stopping) this.logger.warn(`outbox fill failed (retried at the next start): ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.filling;
  }

  private async fillFromArticles(): Promise<void> {
    if (await this.outbox.exists({ _id: FILLED_FROM_ARTICLES })) return;
    let filled = 0;
    const unannounced = this.model.find({ announcedAt: null, duplicateOf: null }, { ingestedAt: 1 });
    for await (const doc of unannounced.lean<ArticleDocument>().cursor()) {
      if (this.stopping) return;
      if ((await insertOnce(this.outbox, { _id: doc._id, at: doc.ingestedAt })) === 'inserted') filled += 1;
    }
    await insertOnce(this.outbox, { _id: FILLED_FROM_ARTICLES, at: new Date(0) });
    if (filled > 0) this.logger.log(`outbox: ${filled} unannounced article(s) stored before it now have entries`);
  }

  async insertIfAbsent(article: Article): Promise<StoredArticle> {
    const document = ArticleMapper.toDocument(article);
    // The entry first: an article is never stored without one (a crash in between leaves an
    // entry without an article, which the relay drops).
    await insertOnce(this.outbox, { _id: article.articleId, at: document.ingestedAt });
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

  async settle(articleId: string): Promise<void> {
    await this.outbox.deleteOne({ _id: articleId });
  }

  async findUnpublished(olderThan: Date, limit: number): Promise<StoredArticle[]> {
    const entries = await this.outbox
      .find({ at: trusted({ $lt: olderThan }), _id: trusted({ $ne: FILLED_FROM_ARTICLES }) })
      .sort({ at: 1, _id: 1 })
      .limit(limit)
      .lean<OutboxEntryDocument[]>();
    const docs = new Map(
      (
        await findEachById(
          this.model,
          entries.map((entry) => entry._id),
        )
      ).map((doc) => [doc._id, doc]),
    );
    const pending: StoredArticle[] = [];
    for (const entry of entries) {
      const doc = docs.get(entry._id);
      // No article (its request failed before storing it), announced, or a copy: nothing to do.
      if (!doc || doc.announcedAt != null || doc.duplicateOf) await this.settle(entry._id);
      else pending.push(stored(doc, false));
    }
    return pending;
  }
}
