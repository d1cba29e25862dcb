import { htmlToText, type FeedItem, type SitemapUrl, type TelegramPost } from '@media-monitor/feeds';

/** One thing a source lists that may become an article. */
export interface SourceItem {
  url: string;
  title?: string;
  /** Text the document itself carries (a feed's content or summary, a channel post). */
  text?: string;
  publishedAt?: string;
  language?: string;
  /** The text is the whole item (a channel post): never fetch its URL for more. */
  complete: boolean;
  extras?: { author?: string; views?: number; links?: string[] };
}

export function fromFeedItem(item: FeedItem): SourceItem | undefined {
  if (!item.url) return undefined;
  const text = htmlToText(item.contentHtml ?? item.summaryHtml ?? '');
  return {
    url: item.url,
    ...(item.title ? { title: item.title } : {}),
    ...(text ? { text } : {}),
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
    ...(item.language ? { language: item.language } : {}),
    complete: false,
    ...(item.author ? { extras: { author: item.author } } : {}),
  };
}

export function fromSitemapUrl(entry: SitemapUrl): SourceItem {
  const publishedAt = entry.news?.publishedAt ?? entry.lastmod;
  return {
    url: entry.loc,
    ...(entry.news?.title ? { title: entry.news.title } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(entry.news?.language ? { language: entry.news.language } : {}),
    complete: false,
  };
}

/** Titles of channel posts: their first line, cut at a word near 140 characters. */
export function postTitle(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? text.trim();
  if (line.length <= 140) return line;
  const cut = line.slice(0, 140);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}

export function fromTelegramPost(post: TelegramPost): SourceItem {
  return {
    url: post.url,
    title: postTitle(post.text),
    text: post.text,
    ...(post.publishedAt ? { publishedAt: post.publishedAt } : {}),
    complete: true,
    extras: { ...(post.views !== undefined ? { views: post.views } : {}), links: post.links },
  };
}
