import { extractBodyFromDom } from './body/article-body.js';
import { wordCount } from './body/text-measures.js';
import { decodeHtml } from './decoding/html-decoder.js';
import { checkNesting } from './decoding/nesting-guard.js';
import { parseHtml } from './dom/html-document.js';
import { ExtractionError } from './extraction.errors.js';
import { readArticleMetadata } from './metadata/article-metadata.js';
import { guessLanguage } from './metadata/language.js';

export interface ExtractOptions {
  /** The page's address: resolves a relative canonical URL and gives a date from the path. */
  readonly url?: string;
  /** The HTTP Content-Type header: its media type is checked and its charset decodes the bytes. */
  readonly contentType?: string;
  /** Larger pages are refused with `extraction.too_large`. */
  readonly maxBytes?: number;
}

/**
 * An article read from a page. Dates are ISO 8601 in UTC; language is a primary subtag ("en", "ru"):
 * the body's own when it reads clearly as one language, else the page's declaration.
 */
export interface ExtractedArticle {
  title: string;
  /** Paragraphs separated by blank lines. */
  articleBody: string;
  author?: string;
  publishedAt?: string;
  modifiedAt?: string;
  language?: string;
  canonicalUrl?: string;
  siteName?: string;
  description?: string;
}

/**
 * The page's JSON-LD body replaces the one read from markup when markup yields much less: pages that
 * render their text with scripts still ship it in JSON-LD, while a short JSON-LD body is a teaser.
 */
const JSON_LD_BODY_RATIO = 2;
const MIN_JSON_LD_BODY_WORDS = 50;

/**
 * Extracts an article's text and metadata from an HTML page given as bytes (decoded by BOM, HTTP
 * charset, `<meta charset>` or a guess) or as a string. Throws ExtractionError for pages that are
 * not HTML, too large, empty, or hold no article text.
 */
export function extractArticle(input: string | Uint8Array, options: ExtractOptions = {}): ExtractedArticle {
  const { html } = decodeHtml(input, options);
  checkNesting(html);
  const document = parseHtml(html);
  // Metadata first: body extraction prunes the tree it reads.
  const { jsonLdBody, ...metadata } = readArticleMetadata(document, options.url);
  let articleBody = extractBodyFromDom(document);
  if (
    jsonLdBody &&
    wordCount(jsonLdBody) >= Math.max(MIN_JSON_LD_BODY_WORDS, JSON_LD_BODY_RATIO * wordCount(articleBody))
  ) {
    articleBody = jsonLdBody.trim();
  }
  if (!articleBody) throw new ExtractionError('extraction.no_article', 'the page holds no article text');
  return withoutUndefined({
    ...metadata,
    title: metadata.title ?? '',
    articleBody,
    language: pickLanguage(metadata.language, articleBody),
  });
}

/**
 * The declared language, unless the body clearly reads as another: templates often keep `lang="en"`
 * on pages in other languages, and the body is what later analysis reads.
 */
function pickLanguage(declared: string | undefined, body: string): string | undefined {
  return guessLanguage(body) ?? declared;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
