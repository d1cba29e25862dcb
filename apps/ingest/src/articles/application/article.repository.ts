import type { Article } from '../domain/article.js';

export const ARTICLE_REPOSITORY = Symbol('ArticleRepository');

/** Where accepted articles are kept; owned by the ingest use case. */
export interface ArticleRepository {
  /** Stores the article unless its id is already stored; returns the stored state. */
  insertIfAbsent(article: Article): Promise<{ inserted: boolean; published: boolean }>;
  markPublished(articleId: string, at: Date): Promise<void>;
  /** Articles stored but not yet confirmed as published, older than the given date. */
  findUnpublished(olderThan: Date, limit: number): Promise<Article[]>;
}
