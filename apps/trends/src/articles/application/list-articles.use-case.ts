import { Inject, Injectable } from '@nestjs/common';
import type { ArticleDetail, ArticleListRequestV1, ArticleListResponseV1 } from '@media-monitor/contracts';
import { PermanentError } from '@media-monitor/messaging';
import { topicVersionKey } from '../../aggregation/domain/joined-analysis.js';
import { TopicVersionsUseCase } from '../../topics/application/topic-versions.use-case.js';
import { decodeCursor, encodeCursor } from '../domain/article-record.js';
import { ARTICLE_READ_MODEL, type ArticleReadModel } from './article-read-model.repository.js';

/** A request the articles read model cannot answer (a 400 at the gateway). */
export class ArticleRequestError extends PermanentError {}

/** Analysed articles by topic, entity, source, language, tone and time; keyset pages without a depth limit. */
@Injectable()
export class ListArticlesUseCase {
  constructor(
    @Inject(ARTICLE_READ_MODEL) private readonly articles: ArticleReadModel,
    private readonly topics: TopicVersionsUseCase,
  ) {}

  async list(request: ArticleListRequestV1): Promise<ArticleListResponseV1> {
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    if (request.cursor !== undefined && !after) {
      throw new ArticleRequestError('trends.invalid_cursor', 'the cursor is not one this API returned');
    }
    const from = request.from ? new Date(request.from) : undefined;
    const to = request.to ? new Date(request.to) : undefined;
    if (from && to && !(from < to)) throw new ArticleRequestError('trends.invalid_range', '"from" must be before "to"');
    let topicKey: string | undefined;
    if (request.topicId) {
      const version = request.topicVersion ?? (await this.topics.resolve(request.topicId)).version;
      topicKey = topicVersionKey(request.topicId, version);
    }
    const page = await this.articles.list(
      {
        ...(topicKey ? { topicKey } : {}),
        ...(request.entityId ? { entityId: request.entityId } : {}),
        ...(request.sourceId ? { sourceId: request.sourceId } : {}),
        ...(request.language ? { language: request.language } : {}),
        ...(request.toneLabel ? { toneLabel: request.toneLabel } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      },
      request.limit + 1,
      after,
    );
    const articles = page.slice(0, request.limit);
    const last = articles[articles.length - 1];
    return {
      articles,
      nextCursor: page.length > request.limit && last ? encodeCursor(new Date(last.publishedAt), last.articleId) : null,
    };
  }

  async get(articleId: string): Promise<ArticleDetail> {
    const article = await this.articles.get(articleId);
    if (!article) throw new ArticleRequestError('trends.article_not_found', `no analysed article "${articleId}"`);
    return article;
  }
}
