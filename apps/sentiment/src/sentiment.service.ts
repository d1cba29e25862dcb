import { ArticleEntitiesV1, CONSUMER_DEFINITIONS } from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { SentimentModule } from './sentiment.module.js';

/**
 * sentiment: document, sentence and entity-targeted tone of every article the entity service
 * analysed (article.entities.v1 carries the text and the mentions) -> article.sentiment.v1.
 */
export const sentimentService: LaunchOptions = {
  name: 'sentiment',
  defaultHttpPort: 3003,
  module: () => SentimentModule,
  consumers: [{ definition: CONSUMER_DEFINITIONS.sentimentEntities }],
  events: [ArticleEntitiesV1],
};
