import { Inject, Injectable, Logger } from '@nestjs/common';
import { ExtractionError, extractArticle } from '@media-monitor/extraction';
import { wordCount } from '@media-monitor/feeds';
import { ARTICLE_REPOSITORY, type ArticleRepository } from '../../articles/application/article.repository.js';
import { CARRIER_REPOSITORY, type CarrierRepository } from '../../articles/application/carrier.repository.js';
import { IngestArticleUseCase } from '../../articles/application/ingest-article.use-case.js';
import { articleIdFor, canonicalizeUrl } from '../../articles/domain/canonical-url.js';
import type { ArticleSubmission } from '../../articles/domain/article.js';
import { FetchError } from '../../fetching/domain/fetch.errors.js';
import { HTTP_FETCHER, type HttpFetcher } from '../../fetching/application/http-fetcher.js';
import type { Source } from '../domain/source.js';
import { FETCH_OPTIONS, type FetchOptions } from './fetch.options.js';
import type { SourceItem } from './source-items.js';

/** A feed text at least this long is taken as the article; shorter ones are teasers. */
export const FULL_TEXT_WORDS = 120;
/** When the page fails for good, a feed text this long still makes an article (shorter: a headline teaser). */
export const FALLBACK_TEXT_WORDS = 15;
const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

export interface IntakeResult {
  newItems: number;
  itemErrors: Array<{ url: string; code: string; message: string }>;
  /** Some items failed in a way a later fetch can fix: the document must be read again in full. */
  retryLater: boolean;
}

/**
 * Turns the items of a fetched document into articles through the same use case as the push
 * API: items already carried by the source are skipped, known URLs only gain the carrier, new
 * ones get their text from the document or from their page (extracted), then are ingested.
 */
@Injectable()
export class ArticleIntake {
  private readonly logger = new Logger(ArticleIntake.name);

  constructor(
    private readonly ingest: IngestArticleUseCase,
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(CARRIER_REPOSITORY) private readonly carriers: CarrierRepository,
    @Inject(HTTP_FETCHER) private readonly fetcher: HttpFetcher,
    @Inject(FETCH_OPTIONS) private readonly options: FetchOptions,
  ) {}

  /** `signal`: stop after the item in hand (shutdown); the rest come with the next fetch. */
  async take(source: Source, items: readonly SourceItem[], now: Date, signal?: AbortSignal): Promise<IntakeResult> {
    const result: IntakeResult = { newItems: 0, itemErrors: [], retryLater: false };
    const keyed = items.flatMap((item) => {
      try {
        return [{ item, id: articleIdFor(canonicalizeUrl(item.url)) }];
      } catch (error) {
        result.itemErrors.push({ url: item.url, code: 'ingest.invalid_url', message: (error as Error).message });
        return [];
      }
    });
    const holders = await this.articles.holdersOf(keyed.map((k) => k.id));
    const carried = await this.carriers.carriedBy(source.sourceId, [...new Set(holders.values())]);
    const ref = { id: source.sourceId, name: source.name };
    for (const { item, id } of keyed) {
      if (signal?.aborted) {
        result.retryLater = true;
        break;
      }
      const holder = holders.get(id);
      if (holder && carried.has(holder)) continue;
      try {
        if (holder) {
          await this.ingest.recordKnown(id, ref, item.url, now);
          continue;
        }
        const submission = await this.submissionFor(source, item, now);
        const outcome = await this.ingest.execute(submission, now);
        if (outcome.status === 'accepted') result.newItems += 1;
      } catch (error) {
        const failure = describe(error);
        result.itemErrors.push({ url: item.url, ...failure });
        if (failure.retryable) result.retryLater = true;
        this.logger.warn(`source ${source.sourceId}: item ${item.url} skipped: ${failure.code}: ${failure.message}`);
      }
    }
    return result;
  }

  private async submissionFor(source: Source, item: SourceItem, now: Date): Promise<ArticleSubmission> {
    const enough = item.text !== undefined && wordCount(item.text) >= FULL_TEXT_WORDS;
    const fromDocument =
      item.complete || source.fetchArticles === 'never' || (source.fetchArticles === 'auto' && enough);
    const base = {
      source: { id: source.sourceId, name: source.name },
      ...(item.extras ? { extras: item.extras } : {}),
    };
    if (fromDocument) {
      if (!item.text) throw new FetchError('fetch.unexpected_content', 'the item carries no text', false);
      return {
        ...base,
        url: item.url,
        title: item.title ?? firstWords(item.text),
        body: item.text,
        publishedAt: item.publishedAt ?? now.toISOString(),
        ...language(source, item.language),
      };
    }
    try {
      const page = await this.fetcher.get({ url: item.url, accept: HTML_ACCEPT, maxBytes: this.options.maxBytes });
      const extracted = extractArticle(page.body, {
        url: page.finalUrl,
        contentType: page.contentType,
        maxBytes: this.options.maxBytes,
      });
      return {
        ...base,
        url: item.url,
        title: item.title ?? (extracted.title || firstWords(extracted.articleBody)),
        body: extracted.articleBody,
        publishedAt: item.publishedAt ?? extracted.publishedAt ?? now.toISOString(),
        ...language(source, extracted.language ?? item.language),
        ...(extracted.author && !item.extras?.author ? { extras: { ...item.extras, author: extracted.author } } : {}),
      };
    } catch (error) {
      // A page that will never extract: the document's own text still makes an article.
      const permanent = error instanceof ExtractionError || (error instanceof FetchError && !error.retryable);
      if (permanent && item.text && wordCount(item.text) >= FALLBACK_TEXT_WORDS) {
        return {
          ...base,
          url: item.url,
          title: item.title ?? firstWords(item.text),
          body: item.text,
          publishedAt: item.publishedAt ?? now.toISOString(),
          ...language(source, item.language),
        };
      }
      throw error;
    }
  }
}

function language(source: Source, detected: string | undefined): { language?: string } {
  const code = source.language ?? detected?.slice(0, 2).toLowerCase();
  return code && /^[a-z]{2}$/.test(code) ? { language: code } : {};
}

function firstWords(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? text;
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function describe(error: unknown): { code: string; message: string; retryable: boolean } {
  if (error instanceof FetchError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof ExtractionError) return { code: error.code, message: error.message, retryable: false };
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === 'string' && code.includes('.') ? code : 'ingest.item_failed',
    message: (error as Error).message ?? String(error),
    retryable: !(typeof code === 'string' && code.startsWith('ingest.invalid')),
  };
}
