import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { FeedError } from '../feeds.errors.js';
import { parseFeed } from './parse-feed.js';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url));

describe('parseFeed', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator, guid and relative links', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?>
      <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Wire &amp; Co</title><link>https://wire.example.org/</link><language>en-gb</language>
          <item>
            <title><![CDATA[Kaliningrad <b>battalion</b> trains]]></title>
            <link>/news/1?utm_source=rss</link>
            <guid isPermaLink="false">wire-1</guid>
            <description>&lt;p&gt;Short &amp;amp; sweet&lt;/p&gt;</description>
            <content:encoded><![CDATA[<p>Full text.</p><p>Second paragraph.</p>]]></content:encoded>
            <dc:creator>Anna Petrova</dc:creator>
            <category>Defence</category>
            <pubDate>Wed, 25 Nov 2026 10:00:00 +0300</pubDate>
          </item>
        </channel>
      </rss>`,
      { url: 'https://wire.example.org/rss.xml' },
    );
    expect(feed).toEqual({
      format: 'rss',
      version: '2.0',
      title: 'Wire & Co',
      siteUrl: 'https://wire.example.org/',
      language: 'en-gb',
      items: [
        {
          id: 'wire-1',
          url: 'https://wire.example.org/news/1?utm_source=rss',
          title: 'Kaliningrad battalion trains',
          contentHtml: '<p>Full text.</p><p>Second paragraph.</p>',
          summaryHtml: '<p>Short &amp; sweet</p>',
          publishedAt: '2026-11-25T07:00:00.000Z',
          author: 'Anna Petrova',
          categories: ['Defence'],
          language: 'en-gb',
        },
      ],
    });
  });

  it('reads RSS 0.91 items and takes a permalink guid when there is no link', () => {
    const feed = parseFeed(`<rss version="0.91"><channel><title>Old</title>
      <item><title>One</title><link>http://old.example.org/1</link><description>First</description></item>
      <item><title>Two</title><guid>http://old.example.org/2</guid></item></channel></rss>`);
    expect(feed.version).toBe('0.91');
    expect(feed.items.map((i) => i.url)).toEqual(['http://old.example.org/1', 'http://old.example.org/2']);
  });

  it('reads RSS 1.0 (RDF) with dc:date', () => {
    const feed = parseFeed(`<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://rdf.example.org/"><title>RDF news</title><link>https://rdf.example.org/</link><dc:language>ru</dc:language></channel>
        <item rdf:about="https://rdf.example.org/a/7"><title>Курск</title><link>https://rdf.example.org/a/7</link>
          <description>Текст</description><dc:date>2026-11-25T08:15:00+03:00</dc:date><dc:creator>Редакция</dc:creator></item>
      </rdf:RDF>`);
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF news', language: 'ru' });
    expect(feed.items).toEqual([
      {
        id: 'https://rdf.example.org/a/7',
        url: 'https://rdf.example.org/a/7',
        title: 'Курск',
        summaryHtml: 'Текст',
        publishedAt: '2026-11-25T05:15:00.000Z',
        author: 'Редакция',
        categories: [],
        language: 'ru',
      },
    ]);
  });

  it('reads Atom with html, xhtml and text constructs, alternate links and xml:base', () => {
    const feed =
      parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://atom.example.org/">
      <title type="text">Atom news</title><link rel="self" href="/feed.atom"/><link href="/"/>
      <entry><id>tag:atom.example.org,2026:1</id><title type="html">MoD &amp;lt;update&amp;gt;</title>
        <link rel="alternate" type="text/html" href="articles/1"/><link rel="enclosure" href="/img.jpg"/>
        <published>2026-11-25T06:00:00Z</published><updated>2026-11-25T07:00:00Z</updated>
        <author><name>Desk</name></author><category term="defence" label="Defence"/>
        <summary>Plain &lt;summary&gt;</summary>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <b>bold</b></p></div></content></entry>
    </feed>`);
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Atom news',
      siteUrl: 'https://atom.example.org/',
      language: 'en',
    });
    expect(feed.items[0]).toEqual({
      id: 'tag:atom.example.org,2026:1',
      url: 'https://atom.example.org/articles/1',
      title: 'MoD <update>',
      contentHtml: '<p>Body <b>bold</b></p>',
      summaryHtml: '<p>Plain &lt;summary></p>',
      publishedAt: '2026-11-25T06:00:00.000Z',
      updatedAt: '2026-11-25T07:00:00.000Z',
      author: 'Desk',
      categories: ['Defence'],
      language: 'en',
    });
  });

  it('reads JSON Feed 1.1', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON news',
        home_page_url: 'https://json.example.org/',
        language: 'en',
        items: [
          {
            id: '1',
            url: '/posts/1',
            title: 'One',
            content_text: 'Line one.\n\nLine two.',
            date_published: '2026-11-25T10:00:00+01:00',
            authors: [{ name: 'Ed' }],
            tags: ['kursk'],
          },
          { id: '2', external_url: 'https://elsewhere.example.com/x', content_html: '<p>Two</p>' },
          'not an item',
        ],
      }),
      { url: 'https://json.example.org/feed.json' },
    );
    expect(feed.items).toEqual([
      {
        id: '1',
        url: 'https://json.example.org/posts/1',
        title: 'One',
        contentHtml: '<p>Line one.</p><p>Line two.</p>',
        publishedAt: '2026-11-25T09:00:00.000Z',
        author: 'Ed',
        categories: ['kursk'],
        language: 'en',
      },
      { id: '2', url: 'https://elsewhere.example.com/x', contentHtml: '<p>Two</p>', categories: [], language: 'en' },
    ]);
  });

  it('decodes windows-1251 from the XML declaration and undeclared KOI8-R by its letters', () => {
    for (const name of ['rss-windows-1251.xml', 'rss-koi8r-undeclared.xml']) {
      const feed = parseFeed(fixture(name));
      expect({ name, title: feed.title, item: feed.items[0]?.title }).toEqual({
        name,
        title: 'Калининградские новости',
        item: expect.stringMatching(/^Батальон .БАРС-Калининград. провёл учения$/),
      });
      expect(feed.items[0]?.publishedAt).toBe('2026-11-25T07:30:00.000Z');
    }
  });

  it('keeps the items of a truncated, malformed feed', () => {
    const feed = parseFeed(`<rss version="2.0"><channel><title>Broken & unescaped</title>
      <item><title>Good one</title><link>https://b.example.org/1</link></item>
      <item><title>Cut off</title><link>https://b.example.org/2</link><descr`);
    expect(feed.items.map((i) => i.url)).toEqual(['https://b.example.org/1', 'https://b.example.org/2']);
  });

  it('refuses what is not a feed, with a code', () => {
    const cases: Array<[string | Buffer, string]> = [
      ['<!DOCTYPE html><html><body>Hello</body></html>', 'feed.not_a_feed'],
      ['<urlset><url><loc>https://x.example.org/</loc></url></urlset>', 'feed.not_a_feed'],
      ['{"version": "https://jsonfeed.org/version/1", "items": [', 'feed.malformed_json'],
      ['{"hello": "world"}', 'feed.not_a_feed'],
      ['   ', 'feed.empty'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'feed.binary'],
    ];
    for (const [input, code] of cases) {
      let error: unknown;
      try {
        parseFeed(input);
      } catch (e) {
        error = e;
      }
      expect({ input: String(input).slice(0, 20), code: (error as FeedError).code }).toEqual({
        input: String(input).slice(0, 20),
        code,
      });
      expect(error).toBeInstanceOf(FeedError);
    }
  });
});
