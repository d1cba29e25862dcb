import { Module } from '@nestjs/common';
import { ALERT_PUBLISHER } from './rules/application/alert.publisher.js';
import { ALERT_REPOSITORY } from './rules/application/alert.repository.js';
import { EvaluateArticleUseCase } from './rules/application/evaluate-article.use-case.js';
import { AnalyzedArticleHandler } from './rules/infrastructure/analyzed-article.handler.js';
import { JetStreamAlertPublisher } from './rules/infrastructure/jetstream-alert.publisher.js';
import { MongoAlertRepository } from './rules/infrastructure/mongo-alert.repository.js';
import { RuleSeeder } from './rules/infrastructure/rule-seeder.js';

@Module({
  controllers: [AnalyzedArticleHandler],
  providers: [
    EvaluateArticleUseCase,
    RuleSeeder,
    { provide: ALERT_REPOSITORY, useClass: MongoAlertRepository },
    { provide: ALERT_PUBLISHER, useClass: JetStreamAlertPublisher },
  ],
})
export class AlertModule {}
