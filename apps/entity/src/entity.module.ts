import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '@media-monitor/contracts';
import { DistributedKeyLock, MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { AnalyzeArticleUseCase } from './analysis/application/analyze-article.use-case.js';
import { ENTITY_ANALYSIS_PUBLISHER } from './analysis/application/entity-analysis.publisher.js';
import { ENTITY_ANALYSIS_REPOSITORY } from './analysis/application/entity-analysis.repository.js';
import { LiveTraffic } from './analysis/application/live-traffic.js';
import { IngestedArticleHandler } from './analysis/infrastructure/ingested-article.handler.js';
import { JetStreamEntityAnalysisPublisher } from './analysis/infrastructure/jetstream-entity-analysis.publisher.js';
import { MongoEntityAnalysisRepository } from './analysis/infrastructure/mongo-entity-analysis.repository.js';
import { BACKFILL_LEASE } from './backfill/application/backfill.lease.js';
import { BACKFILL_REPOSITORY } from './backfill/application/backfill.repository.js';
import { BackfillRunner } from './backfill/application/backfill.runner.js';
import { TOPICS_MATCHED_PUBLISHER } from './backfill/application/topics-matched.publisher.js';
import { JetStreamTopicsMatchedPublisher } from './backfill/infrastructure/jetstream-topics-matched.publisher.js';
import { KvBackfillLease } from './backfill/infrastructure/kv-backfill.lease.js';
import { MongoBackfillRepository } from './backfill/infrastructure/mongo-backfill.repository.js';
import { CATALOG_REVISIONS } from './catalog/application/catalog-revisions.js';
import { MatchingCatalog } from './catalog/application/matching-catalog.js';
import { MongoCatalogRevisions } from './catalog/infrastructure/mongo-catalog-revisions.js';
import type { EntityConfig } from './entity.config.js';
import { EntityLifecycle } from './entity.lifecycle.js';
import { CHANGE_LOCK, ENTITY_CONFIG } from './entity.tokens.js';
import { ENTITY_REGISTRY_REPOSITORY } from './registry/application/entity-registry.repository.js';
import { ManageRegistryUseCase } from './registry/application/manage-registry.use-case.js';
import { MongoEntityRegistryRepository } from './registry/infrastructure/mongo-entity-registry.repository.js';
import { RegistryResponder } from './registry/infrastructure/registry.responder.js';
import { DryRunUseCase } from './topics/application/dry-run.use-case.js';
import { ManageTopicsUseCase } from './topics/application/manage-topics.use-case.js';
import { TOPIC_CHANGE_LOG, TOPIC_EVENTS } from './topics/application/topic-change.log.js';
import { TopicChanges } from './topics/application/topic-changes.js';
import { TOPIC_REPOSITORY } from './topics/application/topic.repository.js';
import { JetStreamTopicEvents } from './topics/infrastructure/jetstream-topic.events.js';
import { MongoTopicChangeLog } from './topics/infrastructure/mongo-topic-change.log.js';
import { MongoTopicRepository } from './topics/infrastructure/mongo-topic.repository.js';
import { TopicsResponder } from './topics/infrastructure/topics.responder.js';

/** Entities and topic matches of ingested articles; the alias registry, topics, dry runs and backfills. */
@Module({})
export class EntityModule {
  static forConfig(config: EntityConfig): DynamicModule {
    return {
      module: EntityModule,
      controllers: [IngestedArticleHandler, RegistryResponder, TopicsResponder],
      providers: [
        { provide: ENTITY_CONFIG, useValue: config },
        {
          provide: CHANGE_LOCK,
          inject: [NATS_CONNECTION, MESSAGING_NAMESPACE],
          useFactory: (nc: NatsConnection, namespace: Namespace) =>
            DistributedKeyLock.open(nc, namespace, { bucket: 'entity-locks', acquireTimeoutMs: 10_000 }),
        },
        {
          provide: BACKFILL_LEASE,
          inject: [NATS_CONNECTION, MESSAGING_NAMESPACE],
          useFactory: (nc: NatsConnection, namespace: Namespace) =>
            KvBackfillLease.open(nc, namespace, config.ENTITY_BACKFILL_LEASE_MS),
        },
        { provide: ENTITY_ANALYSIS_REPOSITORY, useClass: MongoEntityAnalysisRepository },
        { provide: ENTITY_ANALYSIS_PUBLISHER, useClass: JetStreamEntityAnalysisPublisher },
        { provide: ENTITY_REGISTRY_REPOSITORY, useClass: MongoEntityRegistryRepository },
        { provide: TOPIC_REPOSITORY, useClass: MongoTopicRepository },
        { provide: TOPIC_CHANGE_LOG, useClass: MongoTopicChangeLog },
        { provide: TOPIC_EVENTS, useClass: JetStreamTopicEvents },
        { provide: BACKFILL_REPOSITORY, useClass: MongoBackfillRepository },
        { provide: TOPICS_MATCHED_PUBLISHER, useClass: JetStreamTopicsMatchedPublisher },
        { provide: CATALOG_REVISIONS, useClass: MongoCatalogRevisions },
        LiveTraffic,
        MatchingCatalog,
        AnalyzeArticleUseCase,
        ManageRegistryUseCase,
        TopicChanges,
        ManageTopicsUseCase,
        DryRunUseCase,
        BackfillRunner,
        EntityLifecycle,
      ],
    };
  }
}
