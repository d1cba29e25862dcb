import { ArticleAnalyzedV1, CONSUMER_DEFINITIONS } from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { AlertModule } from './alert.module.js';

/** alert: rules on analysed articles -> alert.raised.v1. */
export const alertService: LaunchOptions = {
  name: 'alert',
  defaultHttpPort: 3005,
  module: () => AlertModule,
  consumers: [{ definition: CONSUMER_DEFINITIONS.alertAnalyzed }],
  events: [ArticleAnalyzedV1],
};
