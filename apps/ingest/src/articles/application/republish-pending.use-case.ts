import { Inject, Injectable } from '@nestjs/common';
import { ARTICLE_PUBLISHER, type ArticlePublisher } from './article.publisher.js';
import { ARTICLE_REPOSITORY, type ArticleRepository } from './article.repository.js';

/**
 * The outbox relay: publishes articles that were stored but whose publication was never
 * confirmed (the process died between the two steps and the sender did not retry).
 */
@Injectable()
export class RepublishPendingUseCase {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(ARTICLE_PUBLISHER) private readonly publisher: ArticlePublisher,
  ) {}

  /** Returns how many articles were published; graceMs (milliseconds) skips in-progress ones. */
  async execute(graceMs: number, batchSize = 100, now = new Date()): Promise<number> {
    const pending = await this.articles.findUnpublished(new Date(now.getTime() - graceMs), batchSize);
    for (const article of pending) {
      await this.publisher.publishIngested(article);
      await this.articles.markPublished(article.articleId, new Date());
    }
    return pending.length;
  }
}
