import { Module } from '@nestjs/common';
import { ScoreArticleUseCase } from './tone/application/score-article.use-case.js';
import { TONE_PUBLISHER } from './tone/application/tone.publisher.js';
import { TONE_REPOSITORY } from './tone/application/tone.repository.js';
import { AnalysedArticleHandler } from './tone/infrastructure/analysed-article.handler.js';
import { JetStreamTonePublisher } from './tone/infrastructure/jetstream-tone.publisher.js';
import { MongoToneRepository } from './tone/infrastructure/mongo-tone.repository.js';

@Module({
  controllers: [AnalysedArticleHandler],
  providers: [
    ScoreArticleUseCase,
    { provide: TONE_REPOSITORY, useClass: MongoToneRepository },
    { provide: TONE_PUBLISHER, useClass: JetStreamTonePublisher },
  ],
})
export class SentimentModule {}
