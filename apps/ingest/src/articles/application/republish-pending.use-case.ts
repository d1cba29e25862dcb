import { Inject, Injectable } from '@nestjs/common';
import { ARTICLE_REPOSITORY, type ArticleRepository } from './article.repository.js';
import { IngestArticleUseCase } from './ingest-article.use-case.js';

/**
 * The outbox relay: finishes articles that were stored but whose publication was never confirmed
 * (the process died between the steps, or NATS was away, and the sender did not retry).
 */
@Injectable()
export class RepublishPendingUseCase {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    private readonly ingest: IngestArticleUseCase,
  ) {}

  /** Returns how many articles were published; graceMs (milliseconds) skips in-progress ones. */
  async execute(graceMs: number, batchSize = 100, now = new Date()): Promise<number> {
    const pending = await this.articles.findUnpublished(new Date(now.getTime() - graceMs), batchSize);
    let published = 0;
    for (const stored of pending) {
      const outcome = await this.ingest.complete(stored);
      const isCopy = outcome.articleId !== stored.article.articleId;
      if (!outcome.published && !isCopy) throw new Error(`article ${stored.article.articleId} still not published`);
      if (!isCopy) published += 1;
    }
    return published;
  }
}
