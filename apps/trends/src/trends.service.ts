import {
  ArticleEntitiesV1,
  ArticleSentimentV1,
  CONSUMER_DEFINITIONS,
  QUEUE_GROUPS,
  TopicTrendQueryV1,
} from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { TrendsModule } from './trends.module.js';

/** trends: joins analyses, fills topic buckets, answers trend queries. */
export const trendsService: LaunchOptions = {
  name: 'trends',
  defaultHttpPort: 3004,
  module: () => TrendsModule,
  consumers: [{ definition: CONSUMER_DEFINITIONS.trendsAnalysis }],
  events: [ArticleEntitiesV1, ArticleSentimentV1],
  queries: [TopicTrendQueryV1],
  queueGroup: QUEUE_GROUPS.trends,
};
