/**
 * Every subject, stream and durable consumer name in the system. Nothing else may inline
 * one of these strings; tests and tenants isolate themselves with a namespace (see namespace.ts).
 */
export const SUBJECTS = {
  articleIngestedV1: 'article.ingested.v1',
  articleEntitiesV1: 'article.entities.v1',
  articleSentimentV1: 'article.sentiment.v1',
  articleAnalyzedV1: 'article.analyzed.v1',
  alertRaisedV1: 'alert.raised.v1',
  /** Topic versions found by backfill (entity service), counted by trends as a delta. */
  articleTopicsMatchedV1: 'article.topics-matched.v1',
  topicChangedV1: 'topic.changed.v1',
  /** Source outages and ingest backlog (ingest), the completeness of trend buckets. */
  collectionStatusV1: 'ingest.collection-status.v1',
  /** Dead letters are published to `<deadLetterPrefix>.<durable>`. */
  deadLetterPrefix: 'deadletter',
  seriesTrendQueryV1: 'trends.series-trend.v1',
  topTermsQueryV1: 'trends.top-terms.v1',
  shareOfVoiceQueryV1: 'trends.share-of-voice.v1',
  articleListQueryV1: 'trends.article-list.v1',
  articleGetQueryV1: 'trends.article-get.v1',
  entityGetQueryV1: 'entity.entity-get.v1',
  topicGetQueryV1: 'entity.topic-get.v1',
  topicListQueryV1: 'entity.topic-list.v1',
  topicCreateQueryV1: 'entity.topic-create.v1',
  topicUpdateQueryV1: 'entity.topic-update.v1',
  topicDeleteQueryV1: 'entity.topic-delete.v1',
  topicDryRunQueryV1: 'entity.topic-dry-run.v1',
  topicBackfillQueryV1: 'entity.topic-backfill.v1',
  entityRecordQueryV1: 'entity.entity-record.v1',
  entityListQueryV1: 'entity.entity-list.v1',
  entityUpsertQueryV1: 'entity.entity-upsert.v1',
  entityDeleteQueryV1: 'entity.entity-delete.v1',
  entityAliasAddQueryV1: 'entity.alias-add.v1',
  entityAliasRemoveQueryV1: 'entity.alias-remove.v1',
  deadLetterListQueryV1: 'ops.dead-letters.v1',
  alertRulesListQueryV1: 'alert.rules.list.v1',
  alertRulesUpsertQueryV1: 'alert.rules.upsert.v1',
  alertRulesDeleteQueryV1: 'alert.rules.delete.v1',
  alertDestinationsListQueryV1: 'alert.destinations.list.v1',
  alertDestinationsUpsertQueryV1: 'alert.destinations.upsert.v1',
  alertDestinationsDeleteQueryV1: 'alert.destinations.delete.v1',
  alertTestSendQueryV1: 'alert.test-send.v1',
  alertListQueryV1: 'alert.list.v1',
  alertDeliveriesQueryV1: 'alert.deliveries.v1',
  sourcesListQueryV1: 'ingest.sources.list.v1',
  sourceGetQueryV1: 'ingest.sources.get.v1',
  sourcesUpsertQueryV1: 'ingest.sources.upsert.v1',
  sourcesDeleteQueryV1: 'ingest.sources.delete.v1',
  sourceFetchNowQueryV1: 'ingest.sources.fetch-now.v1',
} as const;

export const STREAMS = {
  articles: 'ARTICLES',
  analysis: 'ANALYSIS',
  alerts: 'ALERTS',
  topics: 'TOPICS',
  collection: 'COLLECTION',
  deadLetters: 'DEAD_LETTERS',
} as const;

export const CONSUMERS = {
  entityArticles: 'entity-articles',
  sentimentEntities: 'sentiment-entities',
  trendsAnalysis: 'trends-analysis',
  trendsTopics: 'trends-topics',
  trendsCollection: 'trends-collection',
  alertAnalyzed: 'alert-analyzed',
} as const;

/** Queue groups for request-reply responders, one per owning service. */
export const QUEUE_GROUPS = {
  trends: 'trends',
  entity: 'entity',
  ops: 'ops',
  alert: 'alert',
  ingest: 'ingest',
} as const;

/** Headers the platform sets on every message. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  eventType: 'x-event-type',
  producer: 'x-producer',
  deadLetterReason: 'x-dead-letter-reason',
  deadLetterCode: 'x-dead-letter-code',
  originalSubject: 'x-original-subject',
  originalStream: 'x-original-stream',
  originalSequence: 'x-original-sequence',
  originalConsumer: 'x-original-consumer',
  deliveryCount: 'x-delivery-count',
  deadLetteredAt: 'x-dead-lettered-at',
  /** The JetStream de-duplication header. */
  msgId: 'Nats-Msg-Id',
} as const;
