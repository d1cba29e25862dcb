import type { Article } from '../domain/article.js';

export const ARTICLE_REPOSITORY = Symbol('ArticleRepository');

/** An article as stored, with where it stands in the pipeline. */
export interface StoredArticle {
  article: Article;
  /** False when an article with its id was stored before. */
  inserted: boolean;
  /** Its article.ingested event was acknowledged by JetStream. */
  published: boolean;
  /** Set when another article with the same content hash was stored first: this one is that one. */
  duplicateOf?: string;
}

/** Where accepted articles are kept; owned by the ingest use case. */
export interface ArticleRepository {
  /** Stores the article unless its id is already stored; returns the stored state either way. */
  insertIfAbsent(article: Article): Promise<StoredArticle>;
  findById(articleId: string): Promise<StoredArticle | null>;
  /**
   * For the ids among `articleIds` that are stored: the article each one is (itself, or the
   * article stored first with the same content).
   */
  holdersOf(articleIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Claims a content hash for an article (a unique key, so replicas agree): returns the id of the
   * article that holds it, this one or the one that claimed it first.
   */
  claimContentHash(contentHash: string, articleId: string): Promise<string>;
  markDuplicate(articleId: string, duplicateOf: string): Promise<void>;
  /** Records the acknowledged publication with the story the event carried. */
  markPublished(articleId: string, storyId: string, at: Date): Promise<void>;
  /** The article needs no more publishing (announced, or a copy): drops it from the outbox. */
  settle(articleId: string): Promise<void>;
  /** Articles stored but not yet confirmed as published (duplicates excluded), oldest first. */
  findUnpublished(olderThan: Date, limit: number): Promise<StoredArticle[]>;
}
