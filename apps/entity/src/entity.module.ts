import { Module } from '@nestjs/common';
import { AnalyzeArticleUseCase } from './analysis/application/analyze-article.use-case.js';
import { ENTITY_ANALYSIS_PUBLISHER } from './analysis/application/entity-analysis.publisher.js';
import { ENTITY_ANALYSIS_REPOSITORY } from './analysis/application/entity-analysis.repository.js';
import { IngestedArticleHandler } from './analysis/infrastructure/ingested-article.handler.js';
import { JetStreamEntityAnalysisPublisher } from './analysis/infrastructure/jetstream-entity-analysis.publisher.js';
import { MongoEntityAnalysisRepository } from './analysis/infrastructure/mongo-entity-analysis.repository.js';
import { TOPIC_REPOSITORY } from './topics/application/topic.repository.js';
import { MongoTopicRepository } from './topics/infrastructure/mongo-topic.repository.js';
import { TopicSeeder } from './topics/infrastructure/topic-seeder.js';

@Module({
  controllers: [IngestedArticleHandler],
  providers: [
    AnalyzeArticleUseCase,
    TopicSeeder,
    { provide: TOPIC_REPOSITORY, useClass: MongoTopicRepository },
    { provide: ENTITY_ANALYSIS_REPOSITORY, useClass: MongoEntityAnalysisRepository },
    { provide: ENTITY_ANALYSIS_PUBLISHER, useClass: JetStreamEntityAnalysisPublisher },
  ],
})
export class EntityModule {}
