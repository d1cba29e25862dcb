import { Injectable } from '@nestjs/common';
import { ArticleSentimentV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { TonePublisher } from '../application/tone.publisher.js';

@Injectable()
export class JetStreamTonePublisher implements TonePublisher {
  constructor(private readonly events: EventPublisher) {}

  async publish(analysis: ArticleSentimentV1): Promise<void> {
    await this.events.publish(ArticleSentimentV1, analysis, { msgId: `sentiment:${analysis.articleId}` });
  }
}
