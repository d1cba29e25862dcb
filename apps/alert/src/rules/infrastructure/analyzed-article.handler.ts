import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { EvaluateArticleUseCase } from '../application/evaluate-article.use-case.js';

@Controller()
export class AnalyzedArticleHandler {
  constructor(private readonly evaluate: EvaluateArticleUseCase) {}

  @OnEvent(ArticleAnalyzedV1)
  async handle(@Payload() article: ArticleAnalyzedV1): Promise<void> {
    await this.evaluate.execute(article);
  }
}
