import { Inject, Injectable } from '@nestjs/common';
import type { ArticleEntitiesV1, ArticleSentimentV1, ArticleTopicsMatchedV1 } from '@media-monitor/contracts';
import type { KeyedLock } from '@media-monitor/persistence';
import { ARTICLE_READ_MODEL, type ArticleReadModel } from '../../articles/application/article-read-model.repository.js';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import { BASE_SET, contributionSetsOf, type ContributionSet } from '../domain/contributions.js';
import {
  completeAnalysis,
  entitiesPart,
  matchedTopicsPart,
  sentimentPart,
  type CompleteAnalysis,
  type JoinedAnalysis,
} from '../domain/joined-analysis.js';
import { ANALYSIS_JOIN_REPOSITORY, type AnalysisJoinRepository } from './analysis-join.repository.js';
import { ANALYSIS_PUBLISHER, type AnalysisPublisher } from './analysis.publisher.js';
import { BUCKET_MARKER_REPOSITORY, type BucketMarkerRepository } from './bucket-marker.repository.js';
import { BUCKET_REPOSITORY, type BucketRepository } from './bucket.repository.js';

export type RecordOutcome = 'waiting-for-other-half' | 'counted' | 'already-counted';

/**
 * Joins the entity and sentiment analyses of an article and counts it once into every bucket of
 * its topic versions, entities, source and the global series, then announces it. Topic versions
 * found later (a backfill) are counted as a delta: only the sets not yet applied.
 *
 * Work on one article is serialised by its id; each bucket write is guarded by the article's id
 * in the bucket's `inflight` list until the join document records the sets as applied, so a
 * retry at any point (redelivery, crash between the bucket writes and the mark) counts nothing twice.
 */
@Injectable()
export class RecordAnalysisUseCase {
  constructor(
    @Inject(ANALYSIS_JOIN_REPOSITORY) private readonly joins: AnalysisJoinRepository,
    @Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository,
    @Inject(BUCKET_MARKER_REPOSITORY) private readonly markers: BucketMarkerRepository,
    @Inject(ARTICLE_READ_MODEL) private readonly articles: ArticleReadModel,
    @Inject(ANALYSIS_PUBLISHER) private readonly publisher: AnalysisPublisher,
    @Inject(TRENDS_WRITE_LOCK) private readonly lock: KeyedLock,
  ) {}

  recordEntities(event: ArticleEntitiesV1): Promise<RecordOutcome> {
    return this.record(event.articleId, () => this.joins.saveHalf(event.articleId, { entities: entitiesPart(event) }));
  }

  recordSentiment(event: ArticleSentimentV1): Promise<RecordOutcome> {
    return this.record(event.articleId, () =>
      this.joins.saveHalf(event.articleId, { sentiment: sentimentPart(event) }),
    );
  }

  recordTopicsMatched(event: ArticleTopicsMatchedV1): Promise<RecordOutcome> {
    return this.record(event.articleId, () => this.joins.addMatchedTopics(event.articleId, matchedTopicsPart(event)));
  }

  /** Removes leftover `inflight` entries of articles whose sets are marked (after a crash). */
  async sweep(limit = 100): Promise<number> {
    const stale = await this.joins.findReleasing(limit);
    for (const { articleId, releasing } of stale) {
      await this.lock.run(`article:${articleId}`, async () => {
        await this.buckets.release(releasing, articleId);
        await this.joins.markReleased(articleId);
      });
    }
    return stale.length;
  }

  private record(articleId: string, save: () => Promise<JoinedAnalysis>): Promise<RecordOutcome> {
    return this.lock.run(`article:${articleId}`, async () => {
      const joined = await save();
      if (joined.releasing.length > 0) {
        await this.buckets.release(joined.releasing, articleId);
        await this.joins.markReleased(articleId);
      }
      const complete = completeAnalysis(joined);
      if (!complete) return 'waiting-for-other-half';
      const applied = new Set(joined.applied);
      const pending = contributionSetsOf(complete).filter((set) => !applied.has(set.name));
      if (pending.length === 0) return 'already-counted';
      const retry = pending.some((set) => joined.attempting.includes(set.name));
      await this.apply(complete, pending, applied.has(BASE_SET), retry);
      return 'counted';
    });
  }

  private async apply(
    analysis: CompleteAnalysis,
    pending: ContributionSet[],
    baseCounted: boolean,
    retry: boolean,
  ): Promise<void> {
    const { articleId } = analysis;
    // The read model first: a trend point's article link may list an article a moment before it is
    // counted, never miss one that is counted.
    if (baseCounted) await this.articles.addTopics(articleId, analysis.topics);
    else await this.articles.save(analysis);
    const contributions = pending.flatMap((set) => set.contributions);
    if (!retry)
      await this.joins.markAttempting(
        articleId,
        pending.map((set) => set.name),
      );
    const firsts = await this.markers.claim(contributions, articleId, retry);
    // Every write settles before a failure is reported, so the retry starts from a quiet state.
    const writes = await Promise.allSettled(
      contributions.map((c) => this.buckets.add(c, articleId, firsts.get(c.key) ?? { story: false, publisher: false })),
    );
    const failed = writes.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed) throw failed.reason;
    if (!baseCounted) await this.publisher.publishAnalyzed(analysis, new Date());
    const keys = contributions.map((c) => c.key);
    await this.joins.markApplied(
      articleId,
      pending.map((set) => set.name),
      keys,
      true,
    );
    await this.buckets.release(keys, articleId);
    await this.joins.markReleased(articleId);
  }
}
