import { Inject, Injectable, Logger } from '@nestjs/common';
import { FeedError, parseFeed, parseSitemap, parseTelegramChannel } from '@media-monitor/feeds';
import { FetchError } from '../../fetching/domain/fetch.errors.js';
import { HTTP_FETCHER, type FetchResponse, type HttpFetcher } from '../../fetching/application/http-fetcher.js';
import { backoffAfterFailure, nextInterval, withJitter, type ScheduleBounds } from '../domain/schedule.js';
import type { FetchRun, Source, SourceState } from '../domain/source.js';
import { ArticleIntake } from './article-intake.js';
import { FETCH_OPTIONS, type FetchOptions } from './fetch.options.js';
import { fromFeedItem, fromSitemapUrl, fromTelegramPost, type SourceItem } from './source-items.js';

const ACCEPT: Record<'feed' | 'sitemap' | 'telegram', string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
  sitemap: 'application/xml, text/xml;q=0.9, */*;q=0.5',
  telegram: 'text/html, */*;q=0.5',
};
/** Child sitemaps of an index read per fetch, newest first. */
const MAX_CHILD_SITEMAPS = 5;

interface Listing {
  items: SourceItem[];
  /** Children of a sitemap index that failed (the others still count). */
  errors: FetchRun['itemErrors'];
}

/**
 * One fetch of one source: conditional GET of its document, parsing by type, the new items
 * through the article intake, then the run's record and the next state (adaptive interval, or
 * backoff after a failure). Never throws: every failure becomes the run's error.
 */
@Injectable()
export class FetchSourceUseCase {
  private readonly logger = new Logger(FetchSourceUseCase.name);

  constructor(
    @Inject(HTTP_FETCHER) private readonly fetcher: HttpFetcher,
    @Inject(FETCH_OPTIONS) private readonly options: FetchOptions,
    private readonly intake: ArticleIntake,
  ) {}

  bounds(source: Source): ScheduleBounds {
    const minMs = (source.minIntervalSeconds ?? this.options.minIntervalMs / 1000) * 1000;
    const maxMs = Math.max(minMs, (source.maxIntervalSeconds ?? this.options.maxIntervalMs / 1000) * 1000);
    return { minMs, maxMs };
  }

  async run(
    source: Source,
    state: SourceState,
    now = new Date(),
    signal?: AbortSignal,
  ): Promise<{ run: FetchRun; state: SourceState }> {
    const startedAt = now;
    const bounds = this.bounds(source);
    const type = source.type === 'push' ? 'feed' : source.type;
    let response: FetchResponse | undefined;
    try {
      response = await this.fetcher.get({
        url: source.url!,
        accept: ACCEPT[type],
        maxBytes: this.options.maxBytes,
        ...(state.etag ? { etag: state.etag } : {}),
        ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      });
      const finishedBase = { sourceId: source.sourceId, startedAt, httpStatus: response.status };
      if (response.status === 304) {
        const intervalMs = nextInterval(state.intervalMs, { newItems: 0, itemDates: [] }, bounds, now);
        return {
          run: {
            ...finishedBase,
            finishedAt: new Date(),
            outcome: 'not_modified',
            items: 0,
            newItems: 0,
            itemErrors: [],
          },
          state: this.succeeded(state, source, now, intervalMs, 304, response, true),
        };
      }
      const listing = await this.list(source, response, now);
      const fresh = this.fresh(source, listing.items, now);
      const intake = await this.intake.take(source, fresh, now, signal);
      const itemErrors = [...listing.errors, ...intake.itemErrors].slice(0, 20);
      const intervalMs = nextInterval(
        state.intervalMs,
        { newItems: intake.newItems, itemDates: listing.items.flatMap((i) => (i.publishedAt ? [i.publishedAt] : [])) },
        bounds,
        now,
      );
      if (itemErrors.length) {
        this.logger.warn(
          `source ${source.sourceId}: ${itemErrors.length} item(s) failed, first: ${itemErrors[0]!.code}: ${itemErrors[0]!.message}`,
        );
      }
      return {
        run: {
          ...finishedBase,
          finishedAt: new Date(),
          outcome: 'ok',
          items: listing.items.length,
          newItems: intake.newItems,
          itemErrors,
        },
        // Items to retry: forget the validators so the next fetch reads the document in full again.
        state: this.succeeded(state, source, now, intervalMs, response.status, response, !intake.retryLater),
      };
    } catch (error) {
      const failure = describeFailure(error);
      this.logger.warn(`source ${source.sourceId}: fetch failed: ${failure.code}: ${failure.message}`);
      const failures = state.consecutiveFailures + 1;
      const waitMs = backoffAfterFailure(failures, bounds, failure.retryAfterMs);
      return {
        run: {
          sourceId: source.sourceId,
          startedAt,
          finishedAt: new Date(),
          outcome: 'error',
          ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}),
          error: { code: failure.code, message: failure.message },
          items: 0,
          newItems: 0,
          itemErrors: [],
        },
        state: {
          ...state,
          nextFetchAt: new Date(now.getTime() + withJitter(waitMs, `${source.sourceId}:${failures}`)),
          consecutiveFailures: failures,
          lastFetchAt: now,
          lastOutcome: 'error',
          ...(failure.httpStatus ? { lastHttpStatus: failure.httpStatus } : {}),
          lastError: { code: failure.code, message: failure.message, at: now },
        },
      };
    }
  }

  private succeeded(
    state: SourceState,
    source: Source,
    now: Date,
    intervalMs: number,
    httpStatus: number,
    response: FetchResponse,
    keepValidators: boolean,
  ): SourceState {
    const { etag: _e, lastModified: _l, ...rest } = state;
    const etag = keepValidators ? (response.etag ?? (httpStatus === 304 ? state.etag : undefined)) : undefined;
    const lastModified = keepValidators
      ? (response.lastModified ?? (httpStatus === 304 ? state.lastModified : undefined))
      : undefined;
    return {
      ...rest,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      intervalMs,
      nextFetchAt: new Date(now.getTime() + withJitter(intervalMs, `${source.sourceId}:${now.getTime()}`)),
      consecutiveFailures: 0,
      lastFetchAt: now,
      lastSuccessAt: now,
      lastOutcome: httpStatus === 304 ? 'not_modified' : 'ok',
      lastHttpStatus: httpStatus,
    };
  }

  private async list(source: Source, response: FetchResponse, now: Date): Promise<Listing> {
    const options = { url: response.finalUrl, ...(response.contentType ? { contentType: response.contentType } : {}) };
    if (source.type === 'telegram') {
      return { items: parseTelegramChannel(response.body, options).posts.map(fromTelegramPost), errors: [] };
    }
    if (source.type === 'feed') {
      return { items: parseFeed(response.body, options).items.flatMap((item) => fromFeedItem(item) ?? []), errors: [] };
    }
    const sitemap = parseSitemap(response.body, options);
    if (sitemap.kind === 'urlset') return { items: sitemap.urls.map(fromSitemapUrl), errors: [] };
    const oldest = now.getTime() - source.maxItemAgeHours * 3_600_000;
    const children = sitemap.sitemaps
      .filter((child) => !child.lastmod || Date.parse(child.lastmod) >= oldest)
      .sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''))
      .slice(0, MAX_CHILD_SITEMAPS);
    const listing: Listing = { items: [], errors: [] };
    for (const child of children) {
      try {
        const page = await this.fetcher.get({
          url: child.loc,
          accept: ACCEPT.sitemap,
          maxBytes: this.options.maxBytes,
        });
        const parsed = parseSitemap(page.body, {
          url: page.finalUrl,
          ...(page.contentType ? { contentType: page.contentType } : {}),
        });
        listing.items.push(...parsed.urls.map(fromSitemapUrl));
      } catch (error) {
        const failure = describeFailure(error);
        listing.errors.push({ url: child.loc, code: failure.code, message: failure.message });
      }
    }
    if (children.length > 0 && listing.errors.length === children.length) {
      throw new FetchError(
        'fetch.unexpected_content',
        `every child sitemap failed; first: ${listing.errors[0]!.message}`,
        true,
      );
    }
    return listing;
  }

  /** Items young enough, newest first, at most maxItemsPerRun (the rest wait for the next fetch). */
  private fresh(source: Source, items: readonly SourceItem[], now: Date): SourceItem[] {
    const oldest = now.getTime() - source.maxItemAgeHours * 3_600_000;
    return items
      .filter((item) => !item.publishedAt || Date.parse(item.publishedAt) >= oldest)
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
      .slice(0, this.options.maxItemsPerRun);
  }
}

function describeFailure(error: unknown): {
  code: string;
  message: string;
  httpStatus?: number;
  retryAfterMs?: number;
} {
  if (error instanceof FetchError) return { code: error.code, message: error.message, ...error.details };
  if (error instanceof FeedError) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === 'string' && code.includes('.') ? code : 'fetch.internal',
    message: (error as Error)?.message ?? String(error),
  };
}
