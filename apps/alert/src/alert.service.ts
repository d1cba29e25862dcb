import {
  AlertDeliveriesQueryV1,
  AlertDestinationsDeleteQueryV1,
  AlertDestinationsListQueryV1,
  AlertDestinationsUpsertQueryV1,
  AlertListQueryV1,
  AlertRulesDeleteQueryV1,
  AlertRulesListQueryV1,
  AlertRulesUpsertQueryV1,
  AlertTestSendQueryV1,
  ArticleAnalyzedV1,
  CONSUMER_DEFINITIONS,
  QUEUE_GROUPS,
} from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { loadAlertConfig } from './alert.config.js';
import { AlertModule } from './alert.module.js';

/** alert: series, rules and detection on analysed articles -> alert.raised.v1 and deliveries; management queries. */
export function createAlertService(env?: NodeJS.ProcessEnv): LaunchOptions {
  return {
    name: 'alert',
    defaultHttpPort: 3005,
    module: () => AlertModule.register(loadAlertConfig(env)),
    consumers: [{ definition: CONSUMER_DEFINITIONS.alertAnalyzed }],
    events: [ArticleAnalyzedV1],
    queries: [
      AlertRulesListQueryV1,
      AlertRulesUpsertQueryV1,
      AlertRulesDeleteQueryV1,
      AlertDestinationsListQueryV1,
      AlertDestinationsUpsertQueryV1,
      AlertDestinationsDeleteQueryV1,
      AlertTestSendQueryV1,
      AlertListQueryV1,
      AlertDeliveriesQueryV1,
    ],
    queueGroup: QUEUE_GROUPS.alert,
    env,
  };
}

export const alertService: LaunchOptions = createAlertService();
