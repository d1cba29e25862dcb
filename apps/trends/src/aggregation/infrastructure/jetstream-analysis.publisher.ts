import { Injectable } from '@nestjs/common';
import { ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { AnalysisPublisher } from '../application/analysis.publisher.js';
import type { CompleteAnalysis } from '../domain/joined-analysis.js';

@Injectable()
export class JetStreamAnalysisPublisher implements AnalysisPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publishAnalyzed(analysis: CompleteAnalysis, analyzedAt: Date): Promise<void> {
    await this.events.publish(
      ArticleAnalyzedV1,
      {
        articleId: analysis.articleId,
        publishedAt: analysis.publishedAt,
        language: analysis.language,
        source: analysis.source,
        storyId: analysis.storyId,
        topicIds: analysis.liveTopicIds,
        entityIds: analysis.entityIds,
        tone: analysis.tone,
        analyzedAt: analyzedAt.toISOString(),
      },
      { msgId: `analyzed:${analysis.articleId}` },
    );
  }
}
