import {
  ArticleIngestedV1,
  CONSUMER_DEFINITIONS,
  EntityAliasAddQueryV1,
  EntityAliasRemoveQueryV1,
  EntityDeleteQueryV1,
  EntityGetQueryV1,
  EntityListQueryV1,
  EntityRecordQueryV1,
  EntityUpsertQueryV1,
  QUEUE_GROUPS,
  TopicBackfillQueryV1,
  TopicCreateQueryV1,
  TopicDeleteQueryV1,
  TopicDryRunQueryV1,
  TopicGetQueryV1,
  TopicListQueryV1,
  TopicUpdateQueryV1,
} from '@media-monitor/contracts';
import type { LaunchOptions } from '@media-monitor/service-runtime';
import { loadEntityConfig } from './entity.config.js';
import { EntityModule } from './entity.module.js';

/**
 * entity: entities and topic matches of every ingested article -> article.entities.v1; the alias
 * registry and topics (queries), topic.changed.v1, and backfills -> article.topics-matched.v1.
 */
export function createEntityService(env?: NodeJS.ProcessEnv): LaunchOptions {
  return {
    name: 'entity',
    defaultHttpPort: 3002,
    module: (_config, environment) => EntityModule.forConfig(loadEntityConfig(environment)),
    consumers: [{ definition: CONSUMER_DEFINITIONS.entityArticles }],
    events: [ArticleIngestedV1],
    queries: [
      TopicListQueryV1,
      TopicGetQueryV1,
      TopicCreateQueryV1,
      TopicUpdateQueryV1,
      TopicDeleteQueryV1,
      TopicDryRunQueryV1,
      TopicBackfillQueryV1,
      EntityGetQueryV1,
      EntityRecordQueryV1,
      EntityListQueryV1,
      EntityUpsertQueryV1,
      EntityDeleteQueryV1,
      EntityAliasAddQueryV1,
      EntityAliasRemoveQueryV1,
    ],
    queueGroup: QUEUE_GROUPS.entity,
    env,
  };
}

export const entityService: LaunchOptions = createEntityService();
