import { Inject, Injectable, Logger } from '@nestjs/common';
import { toArticle, type ArticleSubmission } from '../domain/article.js';
import { ARTICLE_PUBLISHER, type ArticlePublisher } from './article.publisher.js';
import { ARTICLE_REPOSITORY, type ArticleRepository } from './article.repository.js';

export interface IngestOutcome {
  articleId: string;
  /** `accepted` for a new article, `duplicate` for one already stored and published. */
  status: 'accepted' | 'duplicate';
  /** False when the article is stored but its event waits for the outbox relay (NATS unreachable). */
  published: boolean;
}

/**
 * Accepts one article: normalise, store once (keyed by the canonical URL), then publish.
 * A stored article that was never confirmed as published is published again, with the same
 * message id, so a retry after a crash or a NATS outage loses nothing and duplicates nothing.
 */
@Injectable()
export class IngestArticleUseCase {
  private readonly logger = new Logger(IngestArticleUseCase.name);

  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(ARTICLE_PUBLISHER) private readonly publisher: ArticlePublisher,
  ) {}

  async execute(submission: ArticleSubmission, now = new Date()): Promise<IngestOutcome> {
    const article = toArticle(submission, now);
    const stored = await this.articles.insertIfAbsent(article);
    const status = stored.inserted ? 'accepted' : 'duplicate';
    if (stored.published) return { articleId: article.articleId, status, published: true };
    try {
      await this.publisher.publishIngested(article);
    } catch (error) {
      // Stored: the outbox relay (RepublishPendingUseCase) publishes it once NATS answers again.
      this.logger.warn(`article ${article.articleId} stored, publication deferred: ${(error as Error).message}`);
      return { articleId: article.articleId, status, published: false };
    }
    await this.articles.markPublished(article.articleId, new Date());
    return { articleId: article.articleId, status, published: true };
  }
}
