import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '@media-monitor/contracts';
import { DistributedKeyLock, MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { KeySerializer, type KeyedLock } from '@media-monitor/persistence';
import { ANALYSIS_JOIN_REPOSITORY } from './aggregation/application/analysis-join.repository.js';
import { ANALYSIS_PUBLISHER } from './aggregation/application/analysis.publisher.js';
import { BUCKET_REPOSITORY } from './aggregation/application/bucket.repository.js';
import { RecordAnalysisUseCase } from './aggregation/application/record-analysis.use-case.js';
import { AnalysisHandler } from './aggregation/infrastructure/analysis.handler.js';
import { JetStreamAnalysisPublisher } from './aggregation/infrastructure/jetstream-analysis.publisher.js';
import { MongoAnalysisJoinRepository } from './aggregation/infrastructure/mongo-analysis-join.repository.js';
import { MongoBucketRepository } from './aggregation/infrastructure/mongo-bucket.repository.js';
import { SeriesTrendUseCase } from './queries/series-trend.use-case.js';
import { ShareOfVoiceUseCase } from './queries/share-of-voice.use-case.js';
import { TopTermsUseCase } from './queries/top-terms.use-case.js';
import { TrendsResponder } from './queries/trends.responder.js';
import type { TrendsConfig } from './trends.config.js';
import { TRENDS_WRITE_LOCK } from './trends.tokens.js';

@Module({})
export class TrendsModule {
  static forConfig(config: TrendsConfig): DynamicModule {
    return {
      module: TrendsModule,
      controllers: [AnalysisHandler, TrendsResponder],
      providers: [
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
        { provide: ANALYSIS_JOIN_REPOSITORY, useClass: MongoAnalysisJoinRepository },
        { provide: BUCKET_REPOSITORY, useClass: MongoBucketRepository },
        { provide: ANALYSIS_PUBLISHER, useClass: JetStreamAnalysisPublisher },
      ],
    };
  }
}
