import { describe, expect, it } from '@jest/globals';
import { FeedError } from '../feeds.errors.js';
import { parseSitemap } from './parse-sitemap.js';

describe('parseSitemap', () => {
  it('reads a Google News sitemap', () => {
    const sitemap = parseSitemap(
      `<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>https://n.example.org/2026/11/25/kursk</loc><lastmod>2026-11-25</lastmod>
          <news:news><news:publication><news:name>North Daily</news:name><news:language>en</news:language></news:publication>
          <news:publication_date>2026-11-25T08:00:00+03:00</news:publication_date><news:title>Kursk volunteers</news:title></news:news></url>
        <url><loc>/relative</loc></url>
        <url><loc>mailto:x@example.org</loc></url>
      </urlset>`,
      { url: 'https://n.example.org/sitemap.xml' },
    );
    expect(sitemap).toEqual({
      kind: 'urlset',
      sitemaps: [],
      urls: [
        {
          loc: 'https://n.example.org/2026/11/25/kursk',
          lastmod: '2026-11-25T00:00:00.000Z',
          news: {
            title: 'Kursk volunteers',
            publicationName: 'North Daily',
            language: 'en',
            publishedAt: '2026-11-25T05:00:00.000Z',
          },
        },
        { loc: 'https://n.example.org/relative' },
      ],
    });
  });

  it('reads a sitemap index', () => {
    const index = parseSitemap(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://n.example.org/s1.xml</loc><lastmod>2026-11-25T10:00:00Z</lastmod></sitemap>
      <sitemap><loc>https://n.example.org/s2.xml</loc></sitemap></sitemapindex>`);
    expect(index).toEqual({
      kind: 'index',
      urls: [],
      sitemaps: [
        { loc: 'https://n.example.org/s1.xml', lastmod: '2026-11-25T10:00:00.000Z' },
        { loc: 'https://n.example.org/s2.xml' },
      ],
    });
  });

  it('refuses a feed or a page', () => {
    expect(() => parseSitemap('<rss><channel/></rss>')).toThrow(FeedError);
    expect(() => parseSitemap('<html><body>x</body></html>')).toThrow(/not a sitemap/);
  });
});
