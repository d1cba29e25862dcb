import { Injectable } from '@nestjs/common';
import { ArticleEntitiesV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { EntityAnalysisPublisher } from '../application/entity-analysis.publisher.js';

@Injectable()
export class JetStreamEntityAnalysisPublisher implements EntityAnalysisPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publish(analysis: ArticleEntitiesV1): Promise<void> {
    await this.events.publish(ArticleEntitiesV1, analysis, { msgId: `entities:${analysis.articleId}` });
  }
}
