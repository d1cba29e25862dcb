import { describe, expect, it } from '@jest/globals';
import { InvalidArticleUrlError, articleIdFor, canonicalizeUrl } from './canonical-url.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['https://www.Example.org/news/1/?utm_source=rss&utm_medium=x&b=2&a=1#top', 'https://example.org/news/1?a=1&b=2'],
    ['https://m.lenta.example/news/2026/11/25/bars/', 'https://lenta.example/news/2026/11/25/bars'],
    ['https://amp.example.org/world/story-1', 'https://example.org/world/story-1'],
    ['https://example.org/world/story-1/amp', 'https://example.org/world/story-1'],
    ['https://example.org/amp/world/story-1', 'https://example.org/world/story-1'],
    ['https://example.org/world/story-1.amp.html', 'https://example.org/world/story-1.html'],
    ['https://example.org/world/story-1?outputType=amp', 'https://example.org/world/story-1'],
    ['https://example.org/world/story-1?output=json', 'https://example.org/world/story-1?output=json'],
    ['https://example-org.cdn.ampproject.org/c/s/example.org/world/story-1', 'https://example.org/world/story-1'],
    ['https://t.me/s/bars_news/101', 'https://t.me/bars_news/101'],
    ['http://example.org:80/a?fbclid=1&gclid=2&yclid=3&id=7', 'http://example.org/a?id=7'],
  ])('%s -> %s', (raw, canonical) => {
    expect(canonicalizeUrl(raw)).toBe(canonical);
  });

  it('gives variants of one article the same id', () => {
    const ids = new Set(
      ['https://www.example.org/a/1', 'https://m.example.org/a/1/', 'https://example.org/a/1/amp?utm_campaign=z'].map(
        (u) => articleIdFor(canonicalizeUrl(u)),
      ),
    );
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses URLs that cannot identify an article', () => {
    expect(() => canonicalizeUrl('ftp://example.org/x')).toThrow(InvalidArticleUrlError);
    expect(() => canonicalizeUrl('not a url')).toThrow(/not a URL/);
  });
});
