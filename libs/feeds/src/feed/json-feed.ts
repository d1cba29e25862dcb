import { FeedError } from '../feeds.errors.js';
import { parseFeedDate } from '../dates.js';
import { absoluteUrl } from '../urls.js';
import type { FeedItem, ParsedFeed } from './feed.types.js';

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function parseJsonFeed(text: string, baseUrl?: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedError('feed.malformed_json', `the JSON feed does not parse: ${(error as Error).message}`);
  }
  const feed = obj(data);
  const version = str(feed?.['version']);
  if (!feed || !version?.includes('jsonfeed.org') || !Array.isArray(feed['items'])) {
    throw new FeedError('feed.not_a_feed', 'the JSON document is not a JSON Feed (no jsonfeed.org version or items)');
  }
  const base = str(feed['feed_url']) ?? baseUrl;
  const language = str(feed['language']);
  const items: FeedItem[] = [];
  for (const raw of feed['items'] as unknown[]) {
    const item = obj(raw);
    if (!item) continue;
    const authors = Array.isArray(item['authors']) ? (item['authors'] as unknown[]) : [item['author']];
    const author = authors.map((a) => str(obj(a)?.['name'])).find(Boolean);
    const contentText = str(item['content_text']);
    items.push(
      withoutUndefined({
        id: str(item['id']),
        url: absoluteUrl(str(item['url']) ?? str(item['external_url']), base),
        title: str(item['title']),
        contentHtml: str(item['content_html']) ?? (contentText ? escapeAsHtml(contentText) : undefined),
        summaryHtml: str(item['summary']) ? escapeAsHtml(str(item['summary'])!) : undefined,
        publishedAt: parseFeedDate(str(item['date_published'])),
        updatedAt: parseFeedDate(str(item['date_modified'])),
        author,
        categories: Array.isArray(item['tags']) ? (item['tags'] as unknown[]).map(str).filter(isString) : [],
        language: str(item['language']) ?? language,
      }),
    );
  }
  return withoutUndefined({
    format: 'json' as const,
    version,
    title: str(feed['title']),
    siteUrl: absoluteUrl(str(feed['home_page_url']), base),
    language,
    items,
  });
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

/** Plain text as HTML paragraphs, so every item's content is HTML. */
function escapeAsHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
