import { Injectable } from '@nestjs/common';
import { ArticleIngestedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { Article } from '../domain/article.js';
import type { ArticlePublisher } from '../application/article.publisher.js';

@Injectable()
export class JetStreamArticlePublisher implements ArticlePublisher {
  constructor(private readonly events: EventPublisher) {}

  async publishIngested(article: Article): Promise<void> {
    const event: ArticleIngestedV1 = {
      articleId: article.articleId,
      url: article.url,
      canonicalUrl: article.canonicalUrl,
      title: article.title,
      body: article.body,
      publishedAt: article.publishedAt,
      ingestedAt: article.ingestedAt,
      language: article.language,
      source: article.source,
      contentHash: article.contentHash,
      ...(article.storyId ? { storyId: article.storyId } : {}),
    };
    await this.events.publish(ArticleIngestedV1, event, { msgId: `ingested:${article.articleId}` });
  }
}
