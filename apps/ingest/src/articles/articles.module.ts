import { Module } from '@nestjs/common';
import { ARTICLE_PUBLISHER } from './application/article.publisher.js';
import { ARTICLE_REPOSITORY } from './application/article.repository.js';
import { CARRIER_REPOSITORY } from './application/carrier.repository.js';
import { IngestArticleUseCase } from './application/ingest-article.use-case.js';
import { RepublishPendingUseCase } from './application/republish-pending.use-case.js';
import { STORY_INDEX } from './application/story.index.js';
import { STORY_PLACER_OPTIONS, StoryPlacer } from './application/story.placer.js';
import { ArticlesController } from './http/articles.controller.js';
import { JetStreamArticlePublisher } from './infrastructure/jetstream-article.publisher.js';
import { MongoArticleRepository } from './infrastructure/mongo-article.repository.js';
import { MongoCarrierRepository } from './infrastructure/mongo-carrier.repository.js';
import { MongoStoryIndex } from './infrastructure/mongo-story.index.js';
import { OutboxRelayScheduler } from './infrastructure/outbox-relay.scheduler.js';

/** The push API and the article pipeline: normalise, exact dedup, story, store, publish. */
@Module({
  controllers: [ArticlesController],
  providers: [
    IngestArticleUseCase,
    RepublishPendingUseCase,
    OutboxRelayScheduler,
    StoryPlacer,
    { provide: STORY_PLACER_OPTIONS, useValue: { waitMs: 2_000, pollMs: 50 } },
    { provide: ARTICLE_REPOSITORY, useClass: MongoArticleRepository },
    { provide: CARRIER_REPOSITORY, useClass: MongoCarrierRepository },
    { provide: STORY_INDEX, useClass: MongoStoryIndex },
    { provide: ARTICLE_PUBLISHER, useClass: JetStreamArticlePublisher },
  ],
  exports: [IngestArticleUseCase, ARTICLE_REPOSITORY, CARRIER_REPOSITORY],
})
export class ArticlesModule {}
