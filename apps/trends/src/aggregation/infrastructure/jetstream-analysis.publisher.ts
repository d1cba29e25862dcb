import { Injectable } from '@nestjs/common';
import { ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { AnalysisPublisher } from '../application/analysis.publisher.js';
import type { CompleteAnalysis } from '../domain/joined-analysis.js';

@Injectable()
export class JetStreamAnalysisPublisher implements AnalysisPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publishAnalyzed(analysis: CompleteAnalysis, analyzedAt: Date): Promise<void> {
    // The per-entity tones are trends' own (entity series); the event carries the document tone.
    const { entityTones: _entityTones, ...event } = analysis;
    await this.events.publish(
      ArticleAnalyzedV1,
      { ...event, analyzedAt: analyzedAt.toISOString() },
      { msgId: `analyzed:${analysis.articleId}` },
    );
  }
}
