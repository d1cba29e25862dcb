import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { ArticleIngestedV1 } from '@media-monitor/contracts';
import { ScoreArticleUseCase } from '../application/score-article.use-case.js';

@Controller()
export class IngestedArticleHandler {
  constructor(private readonly score: ScoreArticleUseCase) {}

  @OnEvent(ArticleIngestedV1)
  async handle(@Payload() article: ArticleIngestedV1): Promise<void> {
    await this.score.execute(article);
  }
}
