import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { ArticleEntitiesV1 } from '@media-monitor/contracts';
import { ScoreArticleUseCase } from '../application/score-article.use-case.js';

@Controller()
export class AnalysedArticleHandler {
  constructor(private readonly score: ScoreArticleUseCase) {}

  @OnEvent(ArticleEntitiesV1)
  async handle(@Payload() article: ArticleEntitiesV1): Promise<void> {
    await this.score.execute(article);
  }
}
