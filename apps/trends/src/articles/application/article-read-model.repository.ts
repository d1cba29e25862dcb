import type { ArticleDetail, ArticleSummary, ToneLabel } from '@media-monitor/contracts';
import type { CompleteAnalysis, MatchedTopic } from '../../aggregation/domain/joined-analysis.js';

export const ARTICLE_READ_MODEL = Symbol('ArticleReadModel');

/** The filters of the articles read model, with the topic resolved to one version. */
export interface ArticleQuery {
  topicKey?: string;
  entityId?: string;
  sourceId?: string;
  language?: string;
  toneLabel?: ToneLabel;
  from?: Date;
  to?: Date;
}

/** A position in the order publishedAt desc, id desc: the next page starts after it. */
export interface ArticleCursor {
  publishedAt: Date;
  articleId: string;
}

/** The analysed articles, as the API lists and shows them. */
export interface ArticleReadModel {
  /** Stores (or replaces) the article's record from its joined analysis. */
  save(analysis: CompleteAnalysis): Promise<void>;
  /** Adds topic versions found later (backfill) to the article's record. */
  addTopics(articleId: string, topics: readonly MatchedTopic[]): Promise<void>;
  /**
   * The articles published in the hour starting at `hour` that match the query's equality filters
   * (topic, entity, source, language, tone; not `from`/`to`), in no order. One indexed equality
   * read: the store cannot sort or range-filter without reading every record (FerretDB v1.24),
   * so pages are built hour by hour (ListArticlesUseCase).
   */
  listHour(query: ArticleQuery, hour: Date): Promise<ArticleSummary[]>;
  get(articleId: string): Promise<ArticleDetail | null>;
}
