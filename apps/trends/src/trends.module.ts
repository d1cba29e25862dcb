import { Module } from '@nestjs/common';
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

@Module({
  controllers: [AnalysisHandler, TrendsResponder],
  providers: [
    RecordAnalysisUseCase,
    SeriesTrendUseCase,
    TopTermsUseCase,
    ShareOfVoiceUseCase,
    { provide: ANALYSIS_JOIN_REPOSITORY, useClass: MongoAnalysisJoinRepository },
    { provide: BUCKET_REPOSITORY, useClass: MongoBucketRepository },
    { provide: ANALYSIS_PUBLISHER, useClass: JetStreamAnalysisPublisher },
  ],
})
export class TrendsModule {}
