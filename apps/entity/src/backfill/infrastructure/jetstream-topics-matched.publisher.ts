import { Injectable } from '@nestjs/common';
import { ArticleTopicsMatchedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { TopicsMatchedPublisher } from '../application/topics-matched.publisher.js';

@Injectable()
export class JetStreamTopicsMatchedPublisher implements TopicsMatchedPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publish(event: ArticleTopicsMatchedV1): Promise<void> {
    const [topic] = event.topics;
    if (!topic || event.topics.length !== 1) throw new Error('one topic version per article.topics-matched.v1');
    await this.events.publish(ArticleTopicsMatchedV1, event, {
      msgId: `topics-matched:${event.articleId}:${topic.topicId}@${topic.version}`,
    });
  }
}
