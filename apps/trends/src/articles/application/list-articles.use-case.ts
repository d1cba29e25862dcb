import { Inject, Injectable } from '@nestjs/common';
import type {
  ArticleDetail,
  ArticleListRequestV1,
  ArticleListResponseV1,
  ArticleSummary,
} from '@media-monitor/contracts';
import { PermanentError } from '@media-monitor/messaging';
import { BUCKET_REPOSITORY, type BucketRepository } from '../../aggregation/application/bucket.repository.js';
import { seriesKey } from '../../aggregation/domain/buckets.js';
import { topicVersionKey } from '../../aggregation/domain/joined-analysis.js';
import { TopicVersionsUseCase } from '../../topics/application/topic-versions.use-case.js';
import { decodeCursor, encodeCursor, startOfHour } from '../domain/article-record.js';
import {
  ARTICLE_READ_MODEL,
  type ArticleCursor,
  type ArticleQuery,
  type ArticleReadModel,
} from './article-read-model.repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The first window of hours a page looks at, and the widest (it doubles while pages stay short). */
const FIRST_WINDOW_MS = 2 * DAY_MS;
const WIDEST_WINDOW_MS = 64 * DAY_MS;
/** How long the day span of a series is reused (a newer or older day is seen after this at most). */
const SPAN_TTL_MS = 30_000;

/**
 * The series whose hourly buckets say which hours hold the query's articles: the narrowest of
 * the filters the trends keep a series for (topic, entity, source), else every article's.
 */
export function seriesOfQuery(query: ArticleQuery): string {
  if (query.topicKey) return seriesKey({ kind: 'topic', id: query.topicKey });
  if (query.entityId) return seriesKey({ kind: 'entity', id: query.entityId });
  if (query.sourceId) return seriesKey({ kind: 'source', id: query.sourceId });
  return seriesKey({ kind: 'all', id: '*' });
}

/** Newest first, then by id descending: the order of every listing and of its cursor. */
export function newestFirst(a: ArticleSummary, b: ArticleSummary): number {
  const byTime = Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
  return byTime !== 0 ? byTime : a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0;
}

/** Whether the article comes after the cursor in the listing's order (and so on the next page). */
export function comesAfter(article: ArticleSummary, cursor: ArticleCursor): boolean {
  const at = Date.parse(article.publishedAt);
  const c = cursor.publishedAt.getTime();
  return at < c || (at === c && article.articleId < cursor.articleId);
}

/** A request the articles read model cannot answer (a 400 at the gateway). */
export class ArticleRequestError extends PermanentError {}

/** Analysed articles by topic, entity, source, language, tone and time; keyset pages without a depth limit. */
@Injectable()
export class ListArticlesUseCase {
  private readonly spans = new Map<string, { at: number; span: { first: Date; last: Date } }>();

  constructor(
    @Inject(ARTICLE_READ_MODEL) private readonly articles: ArticleReadModel,
    @Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository,
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
    const page = await this.page(
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

  /**
   * At most `limit` articles after the cursor, newest first. The hours are walked backwards from
   * the cursor (or `to`, or the series' last day) to `from` (or its first day), in windows that
   * widen while the page is short; only the hours whose bucket counted an article are read, each
   * by one equality read of the read model. A counted article is always in its hour's bucket
   * (the read model is written before the buckets), so a page never misses one.
   */
  private async page(query: ArticleQuery, limit: number, after?: ArticleCursor): Promise<ArticleSummary[]> {
    const series = seriesOfQuery(query);
    let span = await this.daySpan(series);
    if (!span) return [];
    const upper = Math.min(
      after ? after.publishedAt.getTime() + 1 : Infinity,
      query.to ? query.to.getTime() : Infinity,
      Math.max(span.last.getTime(), Date.now()) + DAY_MS,
    );
    const lowerOf = (first: Date) => Math.max(query.from ? query.from.getTime() : -Infinity, first.getTime());
    let lower = lowerOf(span.first);
    const page: ArticleSummary[] = [];
    let end = startOfHour(new Date(upper - 1)).getTime() + HOUR_MS;
    for (;;) {
      const wanted = (a: ArticleSummary) => {
        const at = Date.parse(a.publishedAt);
        return at < upper && at >= lower && (!after || comesAfter(a, after));
      };
      end = await this.walk(series, query, { end, floor: startOfHour(new Date(lower)).getTime() }, limit, wanted, page);
      if (page.length >= limit || span.fresh) return page;
      // A short page ends the listing: make sure no older day arrived since the span was read.
      const fresh = await this.daySpan(series, true);
      if (!fresh || lowerOf(fresh.first) >= lower) return page;
      span = fresh;
      lower = lowerOf(fresh.first);
    }
  }

  /**
   * Walks the series' hours backwards from `end` (exclusive) to `floor`, in windows that widen while
   * the page is short, adding the wanted articles of each hour with a counted article to `page`
   * (newest first) until it holds `limit`. Returns where it stopped.
   */
  private async walk(
    series: string,
    query: ArticleQuery,
    bounds: { end: number; floor: number },
    limit: number,
    wanted: (article: ArticleSummary) => boolean,
    page: ArticleSummary[],
  ): Promise<number> {
    let end = bounds.end;
    for (
      let width = FIRST_WINDOW_MS;
      page.length < limit && end > bounds.floor;
      width = Math.min(2 * width, WIDEST_WINDOW_MS)
    ) {
      const start = Math.max(end - width, bounds.floor);
      const hours = await this.buckets.find([series], 'hour', new Date(start), new Date(end));
      for (const hour of hours.reverse()) {
        if (hour.articles === 0) continue;
        const found = (await this.articles.listHour(query, hour.bucketStart)).filter(wanted).sort(newestFirst);
        page.push(...found.slice(0, limit - page.length));
        if (page.length >= limit) return end;
      }
      end = start;
    }
    return end;
  }

  /** The series' day span, reused for SPAN_TTL_MS unless `fresh` is asked; a series without days is not kept. */
  private async daySpan(series: string, fresh = false): Promise<{ first: Date; last: Date; fresh: boolean } | null> {
    const cached = this.spans.get(series);
    if (!fresh && cached && Date.now() - cached.at < SPAN_TTL_MS) return { ...cached.span, fresh: false };
    const span = await this.buckets.daySpan(series);
    if (!span) {
      this.spans.delete(series);
      return null;
    }
    this.spans.delete(series);
    this.spans.set(series, { at: Date.now(), span });
    if (this.spans.size > 1_000) this.spans.delete(this.spans.keys().next().value!);
    return { ...span, fresh: true };
  }

  async get(articleId: string): Promise<ArticleDetail> {
    const article = await this.articles.get(articleId);
    if (!article) throw new ArticleRequestError('trends.article_not_found', `no analysed article "${articleId}"`);
    return article;
  }
}
