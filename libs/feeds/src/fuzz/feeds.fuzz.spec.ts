import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FeedError } from '../feeds.errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import { parseSitemap } from '../sitemap/parse-sitemap.js';
import { parseTelegramChannel } from '../telegram/parse-telegram.js';

// Every run is bounded by its input size (at most a few tens of kilobytes); a parse that hangs would
// show up as a timed-out test, never as a wall-clock assertion.
const RUNS = { numRuns: 300, seed: 1101 };

/** Text of any kind, hostile included: control characters, lone surrogates, markup, entities. */
const hostile = fc.oneof(
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.string({ maxLength: 200, unit: 'grapheme' }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    ']]>',
    '&lt;&amp;&#0;&#x110000;&#xD800;&bogus;',
    '\u0000\u0001\u001f\u007f',
    '\uD800',
    'javascript:alert(1)',
    '<!ENTITY x SYSTEM "file:///etc/passwd">',
    '&x;'.repeat(50),
    '%00%0d%0a',
  ),
);

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The only failure a parser may have: its own error, with a stable code. */
function parsesOrRefuses<T>(parse: () => T): T | FeedError {
  try {
    return parse();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toMatch(/^(feed|sitemap|telegram)\./);
    return error as FeedError;
  }
}

describe('feed parsers under arbitrary and hostile input (fast-check)', () => {
  it('parseFeed returns a feed or a FeedError for any text or bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.uint8Array({ maxLength: 2_000 })),
        fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
        (input, contentType) => {
          const result = parsesOrRefuses(() => parseFeed(input, { contentType, url: 'https://example.org/feed' }));
          if (!(result instanceof FeedError)) expect(Array.isArray(result.items)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('parseFeed reads every item of a well-formed RSS feed, whatever the text in it', () => {
    const item = fc.record({ title: hostile, description: hostile, path: fc.webPath({ size: 'small' }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), hostile, (items, channelTitle) => {
        const xml =
          `<?xml version="1.0"?><rss version="2.0"><channel><title>${xmlEscape(channelTitle)}</title>` +
          items
            .map(
              (i) =>
                `<item><title>${xmlEscape(i.title)}</title><link>https://example.org${xmlEscape(i.path)}</link>` +
                `<description>${xmlEscape(i.description)}</description></item>`,
            )
            .join('') +
          '</channel></rss>';
        const feed = parseFeed(xml, { url: 'https://example.org/feed' });
        expect(feed.format).toBe('rss');
        expect(feed.items).toHaveLength(items.length);
        for (const parsed of feed.items) if (parsed.url) expect(parsed.url).toMatch(/^https:\/\/example\.org\//);
      }),
      RUNS,
    );
  });

  it('parseFeed survives deep nesting, many items and JSON Feed with hostile values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.constantFrom('<a>', '<item>', '<rss><channel>', '{"items":[', '['),
        (depth, open) => {
          parsesOrRefuses(() => parseFeed(open.repeat(depth)));
        },
      ),
      { numRuns: 60, seed: 1102 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const doc = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [value, value] });
        parsesOrRefuses(() => parseFeed(doc));
        parsesOrRefuses(() => parseFeed(JSON.stringify(value)));
      }),
      RUNS,
    );
  });

  it('parseSitemap and parseTelegramChannel return a result or a FeedError for any input', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.uint8Array({ maxLength: 2_000 })), (input) => {
        parsesOrRefuses(() => parseSitemap(input, { url: 'https://example.org/sitemap.xml' }));
        parsesOrRefuses(() => parseTelegramChannel(input));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(fc.record({ loc: hostile, lastmod: hostile }), { maxLength: 30 }), (urls) => {
        const xml =
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
          urls
            .map((u) => `<url><loc>${xmlEscape(u.loc)}</loc><lastmod>${xmlEscape(u.lastmod)}</lastmod></url>`)
            .join('') +
          '</urlset>';
        const result = parsesOrRefuses(() => parseSitemap(xml, { url: 'https://example.org/sitemap.xml' }));
        expect(result).not.toBeInstanceOf(FeedError);
      }),
      RUNS,
    );
  });
});
