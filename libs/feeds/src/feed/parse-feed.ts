import type { Element } from 'domhandler';
import { decodeXml } from '../decoding/decode-xml.js';
import { FeedError } from '../feeds.errors.js';
import { parseFeedDate } from '../dates.js';
import { absoluteUrl } from '../urls.js';
import {
  attribute,
  child,
  childElements,
  children,
  innerMarkup,
  localName,
  parseXml,
  rootElement,
  textOf,
} from '../xml/xml-tree.js';
import { htmlToText } from '../text/html-text.js';
import type { FeedItem, ParsedFeed, ParseFeedOptions } from './feed.types.js';
import { parseJsonFeed, withoutUndefined } from './json-feed.js';

/**
 * Reads a feed in any of the formats news sites publish: RSS 0.91/0.92/2.0, RSS 1.0 (RDF), Atom
 * 1.0 and JSON Feed 1.x, detected from the content (not the Content-Type, which is often wrong).
 * Malformed XML is read as far as it goes; a document that is not a feed (an HTML page, a
 * sitemap) is refused with FeedError `feed.not_a_feed`.
 */
export function parseFeed(input: string | Uint8Array, options: ParseFeedOptions = {}): ParsedFeed {
  const { text } = decodeXml(input, options.contentType);
  const head = text.trimStart();
  if (!head) throw new FeedError('feed.empty', 'the feed is empty');
  if (head.startsWith('{')) return parseJsonFeed(head, options.url);
  const root = rootElement(parseXml(head));
  const name = root ? localName(root) : '';
  if (root && name === 'rss') return parseRss(root, options.url);
  if (root && name === 'rdf') return parseRdf(root, options.url);
  if (root && name === 'feed') return parseAtom(root, options.url);
  if (root && name === 'channel') return parseRss(root, options.url, true);
  const what = /^<!doctype html|^<html/i.test(head) ? 'an HTML page' : root ? `<${root.name}>` : 'no XML element';
  throw new FeedError('feed.not_a_feed', `the document is not an RSS, RDF, Atom or JSON feed (found ${what})`);
}

function parseRss(root: Element, base: string | undefined, rootIsChannel = false): ParsedFeed {
  const channel = rootIsChannel ? root : (child(root, 'channel') ?? root);
  const language = textOf(child(channel, 'language')) || undefined;
  // RSS 0.9x puts items inside the channel; a few feeds put them beside it.
  const items = [...children(channel, 'item'), ...(rootIsChannel ? [] : children(root, 'item'))];
  return withoutUndefined({
    format: 'rss' as const,
    version: attribute(root, 'version'),
    title: plain(textOf(child(channel, 'title'))),
    siteUrl: absoluteUrl(textOf(child(channel, 'link', '')), base),
    language,
    items: items.map((item) => rssItem(item, base, language)),
  });
}

function rssItem(item: Element, base: string | undefined, language: string | undefined): FeedItem {
  const guid = child(item, 'guid');
  const guidText = textOf(guid) || undefined;
  const permalink = guid && attribute(guid, 'ispermalink')?.toLowerCase() !== 'false' ? guidText : undefined;
  const link = textOf(child(item, 'link', '')) || attribute(child(item, 'link', '') ?? item, 'href');
  return withoutUndefined({
    id: guidText,
    url: absoluteUrl(link, base) ?? absoluteUrl(permalink, base),
    title: plain(textOf(child(item, 'title'))),
    contentHtml: textOf(child(item, 'encoded', 'content')) || undefined,
    summaryHtml: textOf(child(item, 'description')) || undefined,
    publishedAt: parseFeedDate(textOf(child(item, 'pubdate')) || textOf(child(item, 'date', 'dc'))),
    updatedAt: parseFeedDate(textOf(child(item, 'updated')) || textOf(child(item, 'modified', 'dc'))),
    author: plain(textOf(child(item, 'creator', 'dc')) || textOf(child(item, 'author'))),
    categories: [...children(item, 'category'), ...children(item, 'subject', 'dc')]
      .map((c) => textOf(c))
      .filter(Boolean),
    language: textOf(child(item, 'language', 'dc')) || language,
  });
}

function parseRdf(root: Element, base: string | undefined): ParsedFeed {
  const channel = child(root, 'channel');
  const language = (channel && textOf(child(channel, 'language', 'dc'))) || undefined;
  const items = children(root, 'item').map((item) =>
    withoutUndefined({
      id: attribute(item, 'about'),
      url: absoluteUrl(textOf(child(item, 'link')), base) ?? absoluteUrl(attribute(item, 'about'), base),
      title: plain(textOf(child(item, 'title'))),
      contentHtml: textOf(child(item, 'encoded', 'content')) || undefined,
      summaryHtml: textOf(child(item, 'description')) || undefined,
      publishedAt: parseFeedDate(textOf(child(item, 'date', 'dc'))),
      author: plain(textOf(child(item, 'creator', 'dc'))),
      categories: children(item, 'subject', 'dc')
        .map((c) => textOf(c))
        .filter(Boolean),
      language: textOf(child(item, 'language', 'dc')) || language,
    }),
  );
  return withoutUndefined({
    format: 'rdf' as const,
    version: '1.0',
    title: channel ? plain(textOf(child(channel, 'title'))) : undefined,
    siteUrl: channel ? absoluteUrl(textOf(child(channel, 'link')), base) : undefined,
    language,
    items,
  });
}

function parseAtom(root: Element, feedUrl: string | undefined): ParsedFeed {
  const base = absoluteUrl(attribute(root, 'base'), feedUrl) ?? feedUrl;
  const language = attribute(root, 'lang');
  const entries = children(root, 'entry').map((entry) => atomEntry(entry, base, language));
  return withoutUndefined({
    format: 'atom' as const,
    version: '1.0',
    title: atomText(child(root, 'title')) || undefined,
    siteUrl: atomLink(root, base),
    language,
    items: entries,
  });
}

function atomEntry(entry: Element, feedBase: string | undefined, language: string | undefined): FeedItem {
  const base = absoluteUrl(attribute(entry, 'base'), feedBase) ?? feedBase;
  const author = child(entry, 'author');
  return withoutUndefined({
    id: textOf(child(entry, 'id')) || undefined,
    url: atomLink(entry, base),
    title: atomText(child(entry, 'title')) || undefined,
    contentHtml: atomHtml(child(entry, 'content')),
    summaryHtml: atomHtml(child(entry, 'summary')),
    publishedAt: parseFeedDate(textOf(child(entry, 'published')) || textOf(child(entry, 'issued'))),
    updatedAt: parseFeedDate(textOf(child(entry, 'updated')) || textOf(child(entry, 'modified'))),
    author: author ? plain(textOf(child(author, 'name'))) : undefined,
    categories: children(entry, 'category')
      .map((c) => attribute(c, 'label') ?? attribute(c, 'term') ?? '')
      .filter(Boolean),
    language: attribute(entry, 'lang') ?? language,
  });
}

/** `rel="alternate"` (or no rel) link of an Atom element. */
function atomLink(element: Element, base: string | undefined): string | undefined {
  const links = children(element, 'link');
  const alternate =
    links.find(
      (l) => (attribute(l, 'rel') ?? 'alternate') === 'alternate' && /html/.test(attribute(l, 'type') ?? 'html'),
    ) ?? links.find((l) => (attribute(l, 'rel') ?? 'alternate') === 'alternate');
  return absoluteUrl(alternate ? attribute(alternate, 'href') : undefined, base);
}

/** An Atom text construct as HTML: `html` is escaped HTML, `xhtml` inline markup, `text` plain. */
function atomHtml(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  const type = (attribute(element, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml') {
    const div = childElements(element).find((el) => localName(el) === 'div');
    return (div ? innerMarkup(div) : innerMarkup(element)).trim() || undefined;
  }
  const text = textOf(element);
  if (!text) return undefined;
  return type === 'html' || type.includes('html')
    ? text
    : `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
}

function atomText(element: Element | undefined): string {
  const html = atomHtml(element);
  return html ? htmlToText(html) : '';
}

/** Titles sometimes carry markup or entities; the plain text, or undefined when empty. */
function plain(text: string): string | undefined {
  const result = /[<&]/.test(text) ? htmlToText(text) : text.replace(/\s+/g, ' ').trim();
  return result || undefined;
}
