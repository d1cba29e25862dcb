import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
import { TopicTrendQueryV1, type TopicTrendRequestV1, type TopicTrendResponseV1 } from '@media-monitor/contracts';
import { GetTopicTrendUseCase } from './get-topic-trend.use-case.js';

@Controller()
export class TopicTrendResponder {
  constructor(private readonly trends: GetTopicTrendUseCase) {}

  @OnQuery(TopicTrendQueryV1)
  trend(@Payload() request: TopicTrendRequestV1): Promise<TopicTrendResponseV1> {
    return this.trends.execute(request);
  }
}
