import { decodeXml } from '../decoding/decode-xml.js';
import { FeedError } from '../feeds.errors.js';
import { parseFeedDate } from '../dates.js';
import { absoluteUrl } from '../urls.js';
import { withoutUndefined } from '../feed/json-feed.js';
import { child, children, localName, parseXml, rootElement, textOf } from '../xml/xml-tree.js';

/** A page listed by a sitemap, with its Google News block when there is one. */
export interface SitemapUrl {
  loc: string;
  lastmod?: string;
  news?: {
    title?: string;
    publicationName?: string;
    language?: string;
    publishedAt?: string;
  };
}

export interface ParsedSitemap {
  /** `urlset`: pages; `index`: further sitemaps (a sitemap index). */
  kind: 'urlset' | 'index';
  urls: SitemapUrl[];
  sitemaps: Array<{ loc: string; lastmod?: string }>;
}

/**
 * Reads an XML sitemap (`<urlset>`), a sitemap index (`<sitemapindex>`) or a Google News sitemap
 * (`<news:news>` blocks with title, publication and date). Entries without a usable http(s) `loc`
 * are dropped.
 */
export function parseSitemap(
  input: string | Uint8Array,
  options: { url?: string; contentType?: string } = {},
): ParsedSitemap {
  const { text } = decodeXml(input, options.contentType);
  if (!text.trim()) throw new FeedError('feed.empty', 'the sitemap is empty');
  const root = rootElement(parseXml(text.trimStart()));
  const name = root ? localName(root) : '';
  if (root && name === 'sitemapindex') {
    const sitemaps = children(root, 'sitemap').flatMap((entry) => {
      const loc = absoluteUrl(textOf(child(entry, 'loc')), options.url);
      return loc ? [withoutUndefined({ loc, lastmod: parseFeedDate(textOf(child(entry, 'lastmod'))) })] : [];
    });
    return { kind: 'index', urls: [], sitemaps };
  }
  if (root && name === 'urlset') {
    const urls = children(root, 'url').flatMap((entry): SitemapUrl[] => {
      const loc = absoluteUrl(textOf(child(entry, 'loc')), options.url);
      if (!loc) return [];
      const news = child(entry, 'news');
      const publication = news ? child(news, 'publication') : undefined;
      return [
        withoutUndefined({
          loc,
          lastmod: parseFeedDate(textOf(child(entry, 'lastmod'))),
          news: news
            ? withoutUndefined({
                title: textOf(child(news, 'title')) || undefined,
                publicationName: (publication && textOf(child(publication, 'name'))) || undefined,
                language: (publication && textOf(child(publication, 'language'))) || undefined,
                publishedAt: parseFeedDate(textOf(child(news, 'publication_date'))),
              })
            : undefined,
        }),
      ];
    });
    return { kind: 'urlset', urls, sitemaps: [] };
  }
  throw new FeedError(
    'sitemap.not_a_sitemap',
    `the document is not a sitemap (found ${root ? `<${root.name}>` : 'no XML element'})`,
  );
}
