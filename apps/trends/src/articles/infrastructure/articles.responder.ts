import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
import {
  ArticleGetQueryV1,
  ArticleListQueryV1,
  type ArticleListRequestV1,
  type ArticleListResponseV1,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { ListArticlesUseCase } from '../application/list-articles.use-case.js';

/** Answers the articles read model's queries over NATS request-reply. */
@Controller()
export class ArticlesResponder {
  constructor(private readonly articles: ListArticlesUseCase) {}

  @OnQuery(ArticleListQueryV1)
  list(@Payload() request: ArticleListRequestV1): Promise<ArticleListResponseV1> {
    return this.articles.list(request);
  }

  @OnQuery(ArticleGetQueryV1)
  async get(
    @Payload() request: QueryRequestOf<typeof ArticleGetQueryV1>,
  ): Promise<QueryResponseOf<typeof ArticleGetQueryV1>> {
    return { article: await this.articles.get(request.articleId) };
  }
}
