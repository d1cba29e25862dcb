import type { ArticleEntitiesV1 } from '@media-monitor/contracts';

export const ENTITY_ANALYSIS_PUBLISHER = Symbol('EntityAnalysisPublisher');

export interface EntityAnalysisPublisher {
  publish(analysis: ArticleEntitiesV1): Promise<void>;
}
