import type { ArticleEntitiesV1 } from '@media-monitor/contracts';
import type { EntityMatch } from '../domain/gazetteer.js';

export const ENTITY_ANALYSIS_REPOSITORY = Symbol('EntityAnalysisRepository');

/** A stored article with its entities, as dry runs and backfills evaluate topics against it. */
export interface StoredArticle {
  articleId: string;
  publishedAt: Date;
  language: string;
  source: { id: string; name?: string };
  url: string;
  title: string;
  /** Empty for analyses stored before bodies were kept (they match on the title only). */
  body: string;
  entities: EntityMatch[];
}

export interface EntityAnalysisRepository {
  /** Stores (or replaces with the same content) the analysis of one article, with its text. */
  save(analysis: ArticleEntitiesV1, analyzedAt: Date): Promise<void>;
  /** The `limit` most recently published articles, newest first, in pages of `pageSize`. */
  recent(limit: number, pageSize: number): AsyncIterable<StoredArticle[]>;
  /** Every stored article with an id after `after` (null: from the start), in id order, in pages. */
  scan(after: string | null, pageSize: number): AsyncIterable<StoredArticle[]>;
  count(): Promise<number>;
}
