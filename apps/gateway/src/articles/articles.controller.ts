import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ArticleGetQueryV1,
  ArticleListQueryV1,
  type ArticleListResponseV1,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { ApiKeyGuard } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import { ArticleIdSchema, ArticleListQuerySchema } from './article-query.schema.js';

const QUERY_TIMEOUT_MS = 5_000;

/** The analysed articles behind every number: listed with filters and a cursor, or one with its evidence. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class ArticlesController {
  constructor(private readonly queries: QueryClient) {}

  /** Newest first (publishedAt, then id); `nextCursor` continues, as deep as the articles go. */
  @Get('articles')
  list(@Query() query: unknown): Promise<ArticleListResponseV1> {
    const request = parseOrThrow(ArticleListQuerySchema, query ?? {}, 'gateway.invalid_query');
    return this.queries.request(ArticleListQueryV1, request, { timeoutMs: QUERY_TIMEOUT_MS });
  }

  /** One article with the evidence behind its numbers: matched terms with offsets, entity tones with their sentence. */
  @Get('articles/:articleId')
  get(@Param('articleId') articleId: string): Promise<QueryResponseOf<typeof ArticleGetQueryV1>> {
    const id = parseOrThrow(ArticleIdSchema, articleId, 'gateway.invalid_article_id');
    return this.queries.request(ArticleGetQueryV1, { articleId: id }, { timeoutMs: QUERY_TIMEOUT_MS });
  }
}
