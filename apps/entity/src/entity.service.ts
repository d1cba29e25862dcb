import { ArticleIngestedV1, CONSUMER_DEFINITIONS } from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { EntityModule } from './entity.module.js';

/** entity: entities and topic matches of every ingested article -> article.entities.v1. */
export const entityService: LaunchOptions = {
  name: 'entity',
  defaultHttpPort: 3002,
  module: () => EntityModule,
  consumers: [{ definition: CONSUMER_DEFINITIONS.entityArticles }],
  events: [ArticleIngestedV1],
};
