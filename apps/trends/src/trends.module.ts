import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '@media-monitor/contracts';
import { DistributedKeyLock, MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { KeySerializer, type KeyedLock } from '@media-monitor/persistence';
import { ANALYSIS_JOIN_REPOSITORY } from './aggregation/application/analysis-join.repository.js';
import { ANALYSIS_PUBLISHER } from './aggregation/application/analysis.publisher.js';
import { BUCKET_MARKER_REPOSITORY } from './aggregation/application/bucket-marker.repository.js';
import { BUCKET_REPOSITORY } from './aggregation/application/bucket.repository.js';
import { RecordAnalysisUseCase } from './aggregation/application/record-analysis.use-case.js';
import { AnalysisHandler } from './aggregation/infrastructure/analysis.handler.js';
import { JetStreamAnalysisPublisher } from './aggregation/infrastructure/jetstream-analysis.publisher.js';
import { MongoAnalysisJoinRepository } from './aggregation/infrastructure/mongo-analysis-join.repository.js';
import { MongoBucketMarkerRepository } from './aggregation/infrastructure/mongo-bucket-marker.repository.js';
import { MongoBucketRepository } from './aggregation/infrastructure/mongo-bucket.repository.js';
import { ARTICLE_READ_MODEL } from './articles/application/article-read-model.repository.js';
import { ListArticlesUseCase } from './articles/application/list-articles.use-case.js';
import { ArticlesResponder } from './articles/infrastructure/articles.responder.js';
import { MongoArticleReadModel } from './articles/infrastructure/mongo-article-read-model.repository.js';
import {
  COLLECTION_GAP_REPOSITORY,
  PIPELINE_BACKLOG_PROBE,
} from './completeness/application/collection-gap.repository.js';
import { CompletenessUseCase } from './completeness/application/completeness.use-case.js';
import { CollectionStatusHandler } from './completeness/infrastructure/collection-status.handler.js';
import { JetStreamPipelineBacklogProbe } from './completeness/infrastructure/jetstream-pipeline-backlog.probe.js';
import { MongoCollectionGapRepository } from './completeness/infrastructure/mongo-collection-gap.repository.js';
import { MaintenanceScheduler } from './maintenance.scheduler.js';
import { SeriesTrendUseCase } from './queries/series-trend.use-case.js';
import { ShareOfVoiceUseCase } from './queries/share-of-voice.use-case.js';
import { TopTermsUseCase } from './queries/top-terms.use-case.js';
import { TrendsResponder } from './queries/trends.responder.js';
import { TOPIC_VERSION_REPOSITORY } from './topics/application/topic-version.repository.js';
import { TopicVersionsUseCase } from './topics/application/topic-versions.use-case.js';
import { MongoTopicVersionRepository } from './topics/infrastructure/mongo-topic-version.repository.js';
import { TopicChangedHandler } from './topics/infrastructure/topic-changed.handler.js';
import type { TrendsConfig } from './trends.config.js';
import { TRENDS_CONFIG, TRENDS_WRITE_LOCK } from './trends.tokens.js';

@Module({})
export class TrendsModule {
  static forConfig(config: TrendsConfig): DynamicModule {
    return {
      module: TrendsModule,
      controllers: [AnalysisHandler, TopicChangedHandler, CollectionStatusHandler, TrendsResponder, ArticlesResponder],
      providers: [
        { provide: TRENDS_CONFIG, useValue: config },
        {
          provide: TRENDS_WRITE_LOCK,
          inject: [NATS_CONNECTION, MESSAGING_NAMESPACE],
          useFactory: (nc: NatsConnection, namespace: Namespace): KeyedLock | Promise<KeyedLock> =>
            config.TRENDS_WRITE_LOCK === 'nats'
              ? DistributedKeyLock.open(nc, namespace, { bucket: 'trends-locks' })
              : new KeySerializer(),
        },
        RecordAnalysisUseCase,
        SeriesTrendUseCase,
        TopTermsUseCase,
        ShareOfVoiceUseCase,
        ListArticlesUseCase,
        TopicVersionsUseCase,
        CompletenessUseCase,
        MaintenanceScheduler,
        { provide: ANALYSIS_JOIN_REPOSITORY, useClass: MongoAnalysisJoinRepository },
        { provide: BUCKET_REPOSITORY, useClass: MongoBucketRepository },
        { provide: BUCKET_MARKER_REPOSITORY, useClass: MongoBucketMarkerRepository },
        { provide: ARTICLE_READ_MODEL, useClass: MongoArticleReadModel },
        { provide: TOPIC_VERSION_REPOSITORY, useClass: MongoTopicVersionRepository },
        { provide: COLLECTION_GAP_REPOSITORY, useClass: MongoCollectionGapRepository },
        { provide: PIPELINE_BACKLOG_PROBE, useClass: JetStreamPipelineBacklogProbe },
        { provide: ANALYSIS_PUBLISHER, useClass: JetStreamAnalysisPublisher },
      ],
    };
  }
}
