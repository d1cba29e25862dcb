import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ExtractionError, extractArticle } from './index.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('extractArticle on a news page', () => {
  const article = extractArticle(fixture('news-article.html'), {
    url: 'https://courier.example/news/2026/11/24/harbour-ferry-returns?utm_source=feed',
  });

  it('keeps the prose, the subheading and the list items of the article', () => {
    expect(article.articleBody).toContain('The island ferry carried its first passengers');
    expect(article.articleBody).toContain('Timetable back to normal');
    expect(article.articleBody).toContain('An additional Friday sailing at 21:00');
    expect(article.articleBody).toContain('the repair bill would be covered by insurance');
  });

  it('drops navigation, sharing, captions, ads, teasers, newsletter prompts, related links and comments', () => {
    for (const boilerplate of [
      'Sport',
      'Share on Facebook',
      'Photo: harbour authority',
      'Advertisement',
      'Read more',
      'Subscribe to our morning briefing',
      'Island shops count the cost',
      'Great news for the island',
      'All rights reserved',
    ]) {
      expect(article.articleBody).not.toContain(boilerplate);
    }
  });

  it('separates paragraphs with blank lines and leaves the headline out of the body', () => {
    expect(article.articleBody.split('\n\n').length).toBeGreaterThanOrEqual(6);
    expect(article.articleBody).not.toContain('Harbour ferry returns after storm repairs');
  });

  it('reads metadata from JSON-LD, Open Graph and link tags', () => {
    expect(article).toMatchObject({
      title: 'Harbour ferry returns after storm repairs',
      author: 'Mira Castell, Tom Reyes',
      publishedAt: '2026-11-24T17:30:00Z',
      modifiedAt: '2026-11-25T08:15:00Z',
      language: 'en',
      canonicalUrl: 'https://courier.example/news/2026/11/24/harbour-ferry-returns',
      siteName: 'Coastal Courier',
      description: 'The island ferry sails again after six weeks in dry dock.',
    });
  });
});

describe('extractArticle metadata fallbacks', () => {
  const page = (head: string, body: string): string =>
    `<html><head>${head}</head><body><article>${body}<p>${'Prose of the article that goes on for a while, with commas, clauses, and detail. '.repeat(4)}</p></article></body></html>`;

  it('strips the site name from <title> and dates the article from a Russian byline', () => {
    const article = extractArticle(
      page(
        '<title>Паром вернулся на линию — Береговой вестник</title>',
        '<div class="article-date">25 ноября 2026, 14:30</div>',
      ),
    );
    expect(article.title).toBe('Паром вернулся на линию');
    expect(article.publishedAt).toBe('2026-11-25T14:30:00Z');
    expect(article.language).toBe('en');
  });

  it('takes <time datetime> before the URL date, and the URL date when nothing else is there', () => {
    expect(extractArticle(page('', '<time datetime="2026-11-25T10:00:00Z">today</time>')).publishedAt).toBe(
      '2026-11-25T10:00:00Z',
    );
    expect(extractArticle(page('', ''), { url: 'https://x.example/2026/11/20/story/' }).publishedAt).toBe(
      '2026-11-20T00:00:00Z',
    );
  });

  it('trusts the body over a template language declaration that it clearly contradicts', () => {
    const html =
      '<html lang="en"><body><article><p>Паром вернулся на линию после ремонта, и жители острова снова могут ездить на материк каждый день.</p></article></body></html>';
    expect(extractArticle(html).language).toBe('ru');
  });

  it('guesses the language from the text when the page does not declare it', () => {
    const html =
      '<html><body><article><p>Паром вернулся на линию после ремонта, и жители острова снова могут ездить на материк каждый день.</p></article></body></html>';
    expect(extractArticle(html).language).toBe('ru');
  });
});

describe('extractArticle on bad input', () => {
  it('survives malformed HTML: unclosed tags, stray closers, broken attributes', () => {
    const html =
      '<html><body><div class="story"><p>The council met on Tuesday <b>to discuss the budget, which was late<p>Members argued for hours</i></div></span><p class=x" data-=>A final paragraph with enough words to count as prose in the article body.';
    const article = extractArticle(html);
    expect(article.articleBody).toContain('The council met on Tuesday');
    expect(article.articleBody).toContain('A final paragraph');
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), {}, 'extraction.not_html'],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), {}, 'extraction.not_html'],
    ['JSON served as JSON', '{"title": "x"}', { contentType: 'application/json' }, 'extraction.not_html'],
    ['plain text without markup', 'Just a sentence, no markup at all.', {}, 'extraction.not_html'],
    ['an empty body', Buffer.alloc(0), {}, 'extraction.empty'],
    ['whitespace', '   \n  ', {}, 'extraction.empty'],
    ['an oversized page', `<html><body>${'x'.repeat(2048)}</body></html>`, { maxBytes: 1024 }, 'extraction.too_large'],
    [
      'a page nesting 100 000 unclosed elements',
      `<html><body>${'<div>'.repeat(100_000)}text`,
      {},
      'extraction.too_large',
    ],
    ['a page without text', '<html><body><nav><a href="/">Home</a></nav></body></html>', {}, 'extraction.no_article'],
  ])('refuses %s with a typed error', (_name, input, options, code) => {
    let caught: unknown;
    try {
      extractArticle(input, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExtractionError);
    expect((caught as ExtractionError).code).toBe(code);
    expect((caught as ExtractionError).retryable).toBe(false);
  });
});
