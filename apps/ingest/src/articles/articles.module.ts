import { Module } from '@nestjs/common';
import { ARTICLE_PUBLISHER } from './application/article.publisher.js';
import { ARTICLE_REPOSITORY } from './application/article.repository.js';
import { IngestArticleUseCase } from './application/ingest-article.use-case.js';
import { RepublishPendingUseCase } from './application/republish-pending.use-case.js';
import { ArticlesController } from './http/articles.controller.js';
import { JetStreamArticlePublisher } from './infrastructure/jetstream-article.publisher.js';
import { MongoArticleRepository } from './infrastructure/mongo-article.repository.js';
import { OutboxRelayScheduler } from './infrastructure/outbox-relay.scheduler.js';

@Module({
  controllers: [ArticlesController],
  providers: [
    IngestArticleUseCase,
    RepublishPendingUseCase,
    OutboxRelayScheduler,
    { provide: ARTICLE_REPOSITORY, useClass: MongoArticleRepository },
    { provide: ARTICLE_PUBLISHER, useClass: JetStreamArticlePublisher },
  ],
})
export class ArticlesModule {}
