import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce } from '@media-monitor/persistence';
import type { Article } from '../domain/article.js';
import type { ArticleRepository } from '../application/article.repository.js';
import { ArticleMapper } from './article.mapper.js';
import { ARTICLE_MODEL, articleSchema, type ArticleDocument } from './article.schema.js';

@Injectable()
export class MongoArticleRepository implements ArticleRepository {
  private readonly model: Model<ArticleDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[ARTICLE_MODEL] ?? connection.model<ArticleDocument>(ARTICLE_MODEL, articleSchema);
  }

  async insertIfAbsent(article: Article): Promise<{ inserted: boolean; published: boolean }> {
    const outcome = await insertOnce(this.model, ArticleMapper.toDocument(article));
    if (outcome === 'inserted') return { inserted: true, published: false };
    const existing = await this.model.findById(article.articleId, { announcedAt: 1 }).lean();
    return { inserted: false, published: existing?.announcedAt != null };
  }

  async markPublished(articleId: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: articleId, announcedAt: null }, { $set: { announcedAt: at } });
  }

  async findUnpublished(olderThan: Date, limit: number): Promise<Article[]> {
    const docs = await this.model
      .find({ announcedAt: null, ingestedAt: { $lt: olderThan } })
      .sort({ ingestedAt: 1 })
      .limit(limit)
      .lean<ArticleDocument[]>();
    return docs.map((doc) => ArticleMapper.toDomain(doc));
  }
}
