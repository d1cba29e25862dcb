import type { Article } from '../domain/article.js';

export const ARTICLE_PUBLISHER = Symbol('ArticlePublisher');

/** Announces an accepted article to the rest of the system (at least once, de-duplicated by id). */
export interface ArticlePublisher {
  publishIngested(article: Article): Promise<void>;
}
