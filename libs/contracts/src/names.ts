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
  /** Dead letters are published to `<deadLetterPrefix>.<durable>`. */
  deadLetterPrefix: 'deadletter',
  seriesTrendQueryV1: 'trends.series-trend.v1',
  topTermsQueryV1: 'trends.top-terms.v1',
  shareOfVoiceQueryV1: 'trends.share-of-voice.v1',
  topicGetQueryV1: 'entity.topic-get.v1',
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
  deadLetters: 'DEAD_LETTERS',
} as const;

export const CONSUMERS = {
  entityArticles: 'entity-articles',
  sentimentEntities: 'sentiment-entities',
  trendsAnalysis: 'trends-analysis',
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
