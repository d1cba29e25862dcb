import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { ArticleIngestedV1 } from '@media-monitor/contracts';
import { AnalyzeArticleUseCase } from '../application/analyze-article.use-case.js';

@Controller()
export class IngestedArticleHandler {
  constructor(private readonly analyze: AnalyzeArticleUseCase) {}

  @OnEvent(ArticleIngestedV1)
  async handle(@Payload() article: ArticleIngestedV1): Promise<void> {
    await this.analyze.execute(article);
  }
}
