import type { ArticleEntitiesV1 } from '@media-monitor/contracts';

export const ENTITY_ANALYSIS_REPOSITORY = Symbol('EntityAnalysisRepository');

export interface EntityAnalysisRepository {
  /** Stores (or replaces with the same content) the analysis of one article. */
  save(analysis: ArticleEntitiesV1): Promise<void>;
}
