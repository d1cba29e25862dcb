import { type Document } from 'domhandler';
import { parseMachineDate, parseUrlDate, parseVisibleDate, parseVisibleDateIndex } from './dates.js';
import { type JsonLdArticle, readJsonLdArticle } from './json-ld.js';
import { normaliseLanguageTag } from './language.js';
import { type PageMeta, readPageMeta } from './page-meta.js';
import { stripSiteName } from './title.js';

/** What a page says about its article, apart from the body. */
export interface ArticleMetadata {
  title?: string;
  author?: string;
  publishedAt?: string;
  modifiedAt?: string;
  /** Declared language (primary subtag); the body-text guess is made by the caller. */
  language?: string;
  canonicalUrl?: string;
  siteName?: string;
  description?: string;
  /** The JSON-LD `articleBody`, a fallback when the page's markup hides its text. */
  jsonLdBody?: string;
}

const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'datepublished',
  'publishdate',
  'publish-date',
  'pubdate',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'article.published',
  'cxenseparse:recs:publishtime',
];
const MODIFIED_KEYS = ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified'];
const AUTHOR_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl'];

/** Reads title, author, dates, language, canonical URL and site name, strongest source first. */
export function readArticleMetadata(document: Document, pageUrl?: string): ArticleMetadata {
  const page = readPageMeta(document);
  const ld = readJsonLdArticle(document);
  const siteName = page.meta.get('og:site_name') ?? ld.publisher;
  return {
    title: pickTitle(page, ld, siteName),
    author: pickAuthor(page, ld),
    publishedAt: pickPublished(page, ld, pageUrl),
    modifiedAt: firstDate([
      ld.dateModified,
      ...MODIFIED_KEYS.map((k) => page.meta.get(k)),
      page.itemprops.get('dateModified'),
    ]),
    language: normaliseLanguageTag(
      page.htmlLang ?? page.meta.get('content-language') ?? page.meta.get('og:locale') ?? ld.inLanguage,
    ),
    canonicalUrl: absoluteUrl(page.canonical ?? page.meta.get('og:url') ?? ld.url, pageUrl),
    siteName,
    description: page.meta.get('og:description') ?? page.meta.get('description') ?? ld.description,
    jsonLdBody: ld.articleBody,
  };
}

function pickTitle(page: PageMeta, ld: JsonLdArticle, siteName: string | undefined): string | undefined {
  const raw = page.meta.get('og:title') ?? ld.headline ?? page.h1 ?? page.titleTag ?? page.meta.get('twitter:title');
  return raw ? stripSiteName(raw.replace(/\s+/g, ' ').trim(), siteName) : undefined;
}

function pickAuthor(page: PageMeta, ld: JsonLdArticle): string | undefined {
  const declared = [ld.author, ...AUTHOR_KEYS.map((k) => page.meta.get(k)), page.itemprops.get('author')];
  // article:author is often a profile URL: a name is what readers and analysts need.
  for (const value of declared) {
    const name = value && cleanByline(cutBylineTail(value));
    if (name) return name;
  }
  for (const value of page.bylines) {
    const name = cleanByline(cutBylineTail(value));
    if (name && name.length <= MAX_VISIBLE_BYLINE_CHARS) return name;
  }
  return undefined;
}

/** Visible bylines longer than this are blocks that merely carry an author-like class. */
const MAX_VISIBLE_BYLINE_CHARS = 60;

/** Visible bylines run on into dates, handles and reading times: "Jane Doe @jane Nov 18, 2019 • 2 min read". */
function cutBylineTail(byline: string): string {
  const date = parseVisibleDateIndex(byline);
  const cut = byline.slice(0, date).split(/\s(?:@|•|·|\|)|\s+(?:updated|published|posted)\b/i)[0]!;
  return cut.replace(/[\s,;:–—-]+$/, '');
}

/** "By Jane Doe and John Roe | Reuters" → "Jane Doe and John Roe | Reuters"; URLs and long texts are refused. */
function cleanByline(value: string): string | undefined {
  const text = value
    .replace(/\s+/g, ' ')
    .replace(/^(?:by|von|par|por|автор(?:ы)?:?|текст:?)\s+/i, '')
    .trim();
  if (!text || /^https?:\/\//i.test(text) || text.length > 100) return undefined;
  return text;
}

function pickPublished(page: PageMeta, ld: JsonLdArticle, pageUrl: string | undefined): string | undefined {
  return (
    firstDate([
      ld.datePublished,
      ...PUBLISHED_KEYS.map((k) => page.meta.get(k)),
      page.itemprops.get('datePublished'),
    ]) ??
    firstDate(page.times) ??
    parseUrlDate(pageUrl ?? page.canonical) ??
    firstVisible([...page.bylines, ...page.datelines])
  );
}

function firstDate(values: readonly (string | undefined)[]): string | undefined {
  for (const value of values) {
    const date = parseMachineDate(value);
    if (date) return date;
  }
  return undefined;
}

function firstVisible(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const date = parseVisibleDate(text);
    if (date) return date;
  }
  return undefined;
}

function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}
