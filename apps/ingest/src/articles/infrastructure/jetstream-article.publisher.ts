import { Injectable } from '@nestjs/common';
import { ArticleIngestedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { Article } from '../domain/article.js';
import type { ArticlePublisher } from '../application/article.publisher.js';

@Injectable()
export class JetStreamArticlePublisher implements ArticlePublisher {
  constructor(private readonly events: EventPublisher) {}

  async publishIngested(article: Article): Promise<void> {
    await this.events.publish(ArticleIngestedV1, article, { msgId: `ingested:${article.articleId}` });
  }
}
