import {
  ArticleEntitiesV1,
  ArticleSentimentV1,
  CONSUMER_DEFINITIONS,
  QUEUE_GROUPS,
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  TopTermsQueryV1,
} from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { loadTrendsConfig } from './trends.config.js';
import { TrendsModule } from './trends.module.js';

/** trends: joins analyses, fills the buckets of topics, entities and sources, answers trend queries. */
export const trendsService: LaunchOptions = {
  name: 'trends',
  defaultHttpPort: 3004,
  module: (_config, env) => TrendsModule.forConfig(loadTrendsConfig(env)),
  consumers: [{ definition: CONSUMER_DEFINITIONS.trendsAnalysis }],
  events: [ArticleEntitiesV1, ArticleSentimentV1],
  queries: [SeriesTrendQueryV1, TopTermsQueryV1, ShareOfVoiceQueryV1],
  queueGroup: QUEUE_GROUPS.trends,
};
