import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { ArticleEntitiesV1, ArticleSentimentV1, ArticleTopicsMatchedV1 } from '@media-monitor/contracts';
import { RecordAnalysisUseCase } from '../application/record-analysis.use-case.js';

/** Both halves of an article's analysis and later topic matches arrive on one durable consumer (trends-analysis). */
@Controller()
export class AnalysisHandler {
  constructor(private readonly record: RecordAnalysisUseCase) {}

  @OnEvent(ArticleEntitiesV1)
  async entities(@Payload() event: ArticleEntitiesV1): Promise<void> {
    await this.record.recordEntities(event);
  }

  @OnEvent(ArticleSentimentV1)
  async sentiment(@Payload() event: ArticleSentimentV1): Promise<void> {
    await this.record.recordSentiment(event);
  }

  @OnEvent(ArticleTopicsMatchedV1)
  async topicsMatched(@Payload() event: ArticleTopicsMatchedV1): Promise<void> {
    await this.record.recordTopicsMatched(event);
  }
}
