import { Inject, Injectable } from '@nestjs/common';
import type { ArticleEntitiesV1, ArticleSentimentV1 } from '@media-monitor/contracts';
import { contributionsOf } from '../domain/contributions.js';
import { completeAnalysis, entitiesPart, sentimentPart, type JoinedAnalysis } from '../domain/joined-analysis.js';
import { ANALYSIS_JOIN_REPOSITORY, type AnalysisJoinRepository } from './analysis-join.repository.js';
import { ANALYSIS_PUBLISHER, type AnalysisPublisher } from './analysis.publisher.js';
import { BUCKET_REPOSITORY, type BucketRepository } from './bucket.repository.js';

export type RecordOutcome = 'waiting-for-other-half' | 'counted';

/**
 * Joins the entity and sentiment analyses of an article and, once both are present, counts
 * the article once into every bucket of its topics, entities, source and the global series,
 * then announces it.
 * Every step is idempotent, so a redelivery of either event, or both arriving at once on
 * two replicas, cannot count an article twice.
 */
@Injectable()
export class RecordAnalysisUseCase {
  constructor(
    @Inject(ANALYSIS_JOIN_REPOSITORY) private readonly joins: AnalysisJoinRepository,
    @Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository,
    @Inject(ANALYSIS_PUBLISHER) private readonly publisher: AnalysisPublisher,
  ) {}

  recordEntities(event: ArticleEntitiesV1): Promise<RecordOutcome> {
    return this.record(event.articleId, { entities: entitiesPart(event) });
  }

  recordSentiment(event: ArticleSentimentV1): Promise<RecordOutcome> {
    return this.record(event.articleId, { sentiment: sentimentPart(event) });
  }

  private async record(articleId: string, half: Partial<Omit<JoinedAnalysis, 'articleId'>>): Promise<RecordOutcome> {
    const complete = completeAnalysis(await this.joins.saveHalf(articleId, half));
    if (!complete) return 'waiting-for-other-half';
    // Each bucket write is guarded by the article id, so a retry after a partial failure
    // completes the missing ones and skips the rest.
    await Promise.all(contributionsOf(complete).map((c) => this.buckets.add(c, articleId)));
    const now = new Date();
    await this.publisher.publishAnalyzed(complete, now);
    await this.joins.markCounted(articleId, now);
    return 'counted';
  }
}
