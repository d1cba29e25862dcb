import { ArticleIngestedV1, CONSUMER_DEFINITIONS } from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { SentimentModule } from './sentiment.module.js';

/** sentiment: document and sentence tone of every ingested article -> article.sentiment.v1. */
export const sentimentService: LaunchOptions = {
  name: 'sentiment',
  defaultHttpPort: 3003,
  module: () => SentimentModule,
  consumers: [{ definition: CONSUMER_DEFINITIONS.sentimentArticles }],
  events: [ArticleIngestedV1],
};
