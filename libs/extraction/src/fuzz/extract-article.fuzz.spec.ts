import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { extractArticle } from '../extract-article.js';
import { ExtractionError } from '../extraction.errors.js';

const RUNS = { numRuns: 250, seed: 1111 };

const hostile = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.string({ maxLength: 300, unit: 'grapheme' }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    '&#0;&#x110000;&#xD800;&bogus;&amp',
    '\u0000\u202e\u200b\uFEFF',
    '\uDC00',
    '<!--',
    '<![CDATA[',
    '</p></div></body>',
  ),
);

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function extractsOrRefuses(run: () => ReturnType<typeof extractArticle>) {
  try {
    const article = run();
    expect(typeof article.title).toBe('string');
    expect(typeof article.articleBody).toBe('string');
    return article;
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toMatch(/^extraction\./);
    return error as ExtractionError;
  }
}

describe('extractArticle under arbitrary and hostile input (fast-check)', () => {
  it('returns an article or an ExtractionError for any text, bytes and content type', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.uint8Array({ maxLength: 3_000 })),
        fc.option(
          fc.constantFrom('text/html', 'text/html; charset=koi8-r', 'application/pdf', 'text/html; charset=x'),
          {
            nil: undefined,
          },
        ),
        (input, contentType) => {
          extractsOrRefuses(() => extractArticle(input, { contentType, url: 'https://example.org/2024/05/01/a' }));
        },
      ),
      RUNS,
    );
  });

  it('keeps hostile text as text: the body never gains markup the page did not show as text', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 3, maxLength: 12 }), hostile, (paragraphs, title) => {
        const body = paragraphs
          .map(
            (p, i) => `<p>${escapeHtml(p)} ${'The battalion finished its training in the region. '.repeat(4)}${i}</p>`,
          )
          .join('');
        const html =
          `<!doctype html><html lang="en"><head><title>${escapeHtml(title)}</title>` +
          `<meta property="og:title" content="${escapeHtml(title).replace(/"/g, '&quot;')}"></head>` +
          `<body><article>${body}</article><script>document.write('<p>injected</p>')</script></body></html>`;
        const result = extractsOrRefuses(() => extractArticle(html, { url: 'https://example.org/a' }));
        if (result instanceof ExtractionError) return;
        expect(result.articleBody).not.toContain('injected');
        expect(result.articleBody).toContain('The battalion finished its training');
      }),
      RUNS,
    );
  });

  it('refuses or reads deeply nested and oversized pages without crashing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom('<div>', '<p>', '<table><tr><td>', '<b><i>', '<a href="x">'),
        (depth, open) => {
          extractsOrRefuses(() => extractArticle(`<html><body>${open.repeat(depth)}text</body></html>`));
        },
      ),
      { numRuns: 40, seed: 1112 },
    );
    const big = `<html><body><p>${'a '.repeat(600_000)}</p></body></html>`;
    const refused = extractsOrRefuses(() => extractArticle(big, { maxBytes: 1_000_000 }));
    expect(refused).toBeInstanceOf(ExtractionError);
    expect((refused as ExtractionError).code).toBe('extraction.too_large');
  });
});
