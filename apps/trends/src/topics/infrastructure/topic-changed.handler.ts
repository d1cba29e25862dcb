import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { TopicChangedV1 } from '@media-monitor/contracts';
import { TopicVersionsUseCase } from '../application/topic-versions.use-case.js';

/** topic.changed.v1 on the trends-topics consumer: the version queries read, deletions, clean-up. */
@Controller()
export class TopicChangedHandler {
  constructor(private readonly topics: TopicVersionsUseCase) {}

  @OnEvent(TopicChangedV1)
  async changed(@Payload() event: TopicChangedV1): Promise<void> {
    await this.topics.recordChange(event);
  }
}
