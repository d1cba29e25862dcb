import {
  ArticleEntitiesV1,
  ArticleGetQueryV1,
  ArticleListQueryV1,
  ArticleSentimentV1,
  ArticleTopicsMatchedV1,
  CONSUMER_DEFINITIONS,
  CollectionStatusV1,
  QUEUE_GROUPS,
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  TopTermsQueryV1,
  TopicChangedV1,
} from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { loadTrendsConfig } from './trends.config.js';
import { TrendsModule } from './trends.module.js';

/** trends: joins analyses, fills the buckets of topics, entities and sources, answers trend and article queries. */
export const trendsService: LaunchOptions = {
  name: 'trends',
  defaultHttpPort: 3004,
  module: (_config, env) => TrendsModule.forConfig(loadTrendsConfig(env)),
  consumers: [
    { definition: CONSUMER_DEFINITIONS.trendsAnalysis },
    { definition: CONSUMER_DEFINITIONS.trendsTopics, concurrency: 1 },
    { definition: CONSUMER_DEFINITIONS.trendsCollection, concurrency: 1 },
  ],
  events: [ArticleEntitiesV1, ArticleSentimentV1, ArticleTopicsMatchedV1, TopicChangedV1, CollectionStatusV1],
  queries: [SeriesTrendQueryV1, TopTermsQueryV1, ShareOfVoiceQueryV1, ArticleListQueryV1, ArticleGetQueryV1],
  queueGroup: QUEUE_GROUPS.trends,
};
