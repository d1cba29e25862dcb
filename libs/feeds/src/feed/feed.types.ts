/** One entry of a feed, the same for every format. Dates are ISO 8601 UTC. */
export interface FeedItem {
  /** guid, Atom id, rdf:about or JSON Feed id. */
  id?: string;
  /** The article's absolute URL. */
  url?: string;
  /** Plain text. */
  title?: string;
  /** The full content when the feed carries it (content:encoded, Atom content, content_html). */
  contentHtml?: string;
  /** The description or summary, as HTML. */
  summaryHtml?: string;
  publishedAt?: string;
  updatedAt?: string;
  author?: string;
  categories: string[];
  language?: string;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  /** RSS version (`0.91`, `2.0`), `1.0` for RDF, `1.0` for Atom, the JSON Feed version URL. */
  version?: string;
  title?: string;
  siteUrl?: string;
  language?: string;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** The feed's own URL: relative links resolve against it. */
  url?: string;
  /** The HTTP Content-Type header (its charset decodes the bytes). */
  contentType?: string;
}
