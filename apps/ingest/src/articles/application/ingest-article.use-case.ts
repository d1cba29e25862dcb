import { Inject, Injectable, Logger } from '@nestjs/common';
import { toArticle, type Article, type ArticleSubmission } from '../domain/article.js';
import { batchLanes } from '../domain/batch-lanes.js';
import { InvalidArticleUrlError } from '../domain/canonical-url.js';
import { ARTICLE_PUBLISHER, type ArticlePublisher } from './article.publisher.js';
import { ARTICLE_REPOSITORY, type ArticleRepository, type StoredArticle } from './article.repository.js';
import { CARRIER_REPOSITORY, type CarrierRepository } from './carrier.repository.js';
import { StoryPlacer } from './story.placer.js';

export interface IngestOutcome {
  /** The article's id; for a copy of an article stored before (same content), that article's id. */
  articleId: string;
  /** `accepted` for a new article, `duplicate` for one already stored (same URL or same content). */
  status: 'accepted' | 'duplicate';
  /** False when the article is stored but its event waits for the outbox relay (NATS unreachable). */
  published: boolean;
  /** The story (near-duplicate cluster) once placed. */
  storyId?: string;
}

/** One article of a batch: its outcome, or why its URL was refused (the others go on). */
export type BatchOutcome = { ok: true; outcome: IngestOutcome } | { ok: false; error: InvalidArticleUrlError };

/**
 * Articles of one batch in flight at once. Each waits on the store most of its time (a dozen
 * round trips), so a few in parallel keep the store busy without queueing on its connections.
 */
const BATCH_CONCURRENCY = 8;

/**
 * Accepts one article: normalise, store once (keyed by the canonical URL), fold exact copies
 * (same content hash) into the article stored first, place it in a story, then publish. Every
 * step is idempotent, so a retry after a crash or a NATS outage, or the outbox relay, finishes
 * the work without duplicating it.
 */
@Injectable()
export class IngestArticleUseCase {
  private readonly logger = new Logger(IngestArticleUseCase.name);

  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(CARRIER_REPOSITORY) private readonly carriers: CarrierRepository,
    @Inject(ARTICLE_PUBLISHER) private readonly publisher: ArticlePublisher,
    private readonly stories: StoryPlacer,
  ) {}

  async execute(submission: ArticleSubmission, now = new Date()): Promise<IngestOutcome> {
    return this.accept(toArticle(submission, now), submission.source, now);
  }

  /**
   * Accepts a batch, several articles at a time: articles sharing a canonical URL or a content
   * hash go one after the other in batch order (batchLanes), so the outcome of every article is
   * the one it would get posted alone, in order. An article whose URL cannot be read is refused
   * alone; a store or NATS failure fails the batch once the articles in flight have settled
   * (each step is idempotent, so the sender's retry finishes the work).
   */
  async executeBatch(submissions: readonly ArticleSubmission[], now = new Date()): Promise<BatchOutcome[]> {
    const results: BatchOutcome[] = new Array(submissions.length);
    const prepared: Array<{ index: number; article: Article }> = [];
    submissions.forEach((submission, index) => {
      try {
        prepared.push({ index, article: toArticle(submission, now) });
      } catch (error) {
        if (!(error instanceof InvalidArticleUrlError)) throw error;
        results[index] = { ok: false, error };
      }
    });
    const lanes = batchLanes(prepared.map(({ article }) => [`id:${article.articleId}`, `hash:${article.contentHash}`]));
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      while (failure === undefined && next < lanes.length) {
        for (const position of lanes[next++]!) {
          const { index, article } = prepared[position]!;
          try {
            results[index] = { ok: true, outcome: await this.accept(article, submissions[index]!.source, now) };
          } catch (error) {
            failure ??= { error };
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, lanes.length) }, worker));
    if (failure) throw failure.error;
    return results;
  }

  private async accept(article: Article, source: ArticleSubmission['source'], now: Date): Promise<IngestOutcome> {
    const stored = await this.articles.insertIfAbsent(article);
    const outcome = await this.complete(stored);
    await this.carriers.record(outcome.articleId, source, stored.article.url, now);
    return outcome;
  }

  /**
   * A source carried an article whose id is stored already (the fetcher saw its URL again): records
   * the carrier without fetching the page again.
   */
  async recordKnown(articleId: string, source: { id: string; name?: string }, url: string, now = new Date()) {
    const stored = await this.articles.findById(articleId);
    if (!stored) return undefined;
    const outcome = await this.complete(stored);
    await this.carriers.record(outcome.articleId, source, url, now);
    return outcome;
  }

  /** Finishes a stored article: exact-duplicate check, story, publication. Safe to repeat. */
  async complete(stored: StoredArticle): Promise<IngestOutcome> {
    const { article } = stored;
    const status = stored.inserted ? 'accepted' : 'duplicate';
    if (stored.duplicateOf) {
      await this.articles.settle(article.articleId);
      return this.copyOf(stored.duplicateOf);
    }
    if (stored.published) {
      await this.articles.settle(article.articleId);
      return { articleId: article.articleId, status, published: true, storyId: article.storyId ?? article.articleId };
    }
    const holder = await this.articles.claimContentHash(article.contentHash, article.articleId);
    if (holder !== article.articleId) {
      await this.articles.markDuplicate(article.articleId, holder);
      await this.articles.settle(article.articleId);
      return this.copyOf(holder);
    }
    // The story is recorded by the story index; the relay finds it there after a crash.
    const storyId = await this.stories.place(article, { fresh: stored.inserted });
    try {
      await this.publisher.publishIngested({ ...article, storyId });
    } catch (error) {
      // Stored: the outbox relay (RepublishPendingUseCase) publishes it once NATS answers again.
      this.logger.warn(`article ${article.articleId} stored, publication deferred: ${(error as Error).message}`);
      return { articleId: article.articleId, status, published: false, storyId };
    }
    await this.articles.markPublished(article.articleId, storyId, new Date());
    await this.articles.settle(article.articleId);
    return { articleId: article.articleId, status, published: true, storyId };
  }

  private async copyOf(holderId: string): Promise<IngestOutcome> {
    const holder = await this.articles.findById(holderId);
    return {
      articleId: holderId,
      status: 'duplicate',
      published: holder?.published ?? false,
      ...(holder?.article.storyId ? { storyId: holder.article.storyId } : {}),
    };
  }
}
