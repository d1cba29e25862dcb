import { Injectable } from '@nestjs/common';
import { TopicChangedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { TopicChange, TopicEvents } from '../application/topic-change.log.js';

@Injectable()
export class JetStreamTopicEvents implements TopicEvents {
  constructor(private readonly events: EventPublisher) {}

  async changed(change: TopicChange): Promise<void> {
    await this.events.publish(TopicChangedV1, change.event, { msgId: `topic:${change.topicId}:${change.seq}` });
  }
}
