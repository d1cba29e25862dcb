import { type Document, isText } from 'domhandler';
import { attr, descendants } from '../dom/html-document.js';

/** The schema.org fields of a page's article node that extraction reads. */
export interface JsonLdArticle {
  headline?: string;
  articleBody?: string;
  author?: string;
  datePublished?: string;
  dateModified?: string;
  inLanguage?: string;
  url?: string;
  publisher?: string;
  description?: string;
}

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|SocialMediaPosting|TechArticle|WebPage|ItemPage)$/;

/** Reads every `application/ld+json` block and returns the article node, preferring news types. */
export function readJsonLdArticle(document: Document): JsonLdArticle {
  const nodes: JsonObject[] = [];
  for (const el of descendants(document)) {
    if (el.name !== 'script' || !/ld\+json/i.test(attr(el, 'type') ?? '')) continue;
    const source = el.children.map((c) => (isText(c) ? c.data : '')).join('');
    const parsed = parseLenient(source);
    if (parsed !== undefined) collectNodes(parsed, nodes, 0);
  }
  const article = bestArticle(nodes);
  return article ? toArticle(article) : {};
}

function parseLenient(source: string): JsonValue | undefined {
  const trimmed = source.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '');
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    // Raw line breaks inside strings are the commonest CMS error; JSON forbids them.
    try {
      return JSON.parse(trimmed.replace(/[\r\n\t]+/g, ' ')) as JsonValue;
    } catch {
      return undefined;
    }
  }
}

function collectNodes(value: JsonValue, into: JsonObject[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, into, depth + 1);
    return;
  }
  into.push(value);
  const graph = value['@graph'];
  if (graph) collectNodes(graph, into, depth + 1);
  const main = value['mainEntity'] ?? value['mainEntityOfPage'];
  if (main && typeof main === 'object') collectNodes(main, into, depth + 1);
}

function types(node: JsonObject): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function bestArticle(nodes: JsonObject[]): JsonObject | undefined {
  const articles = nodes.filter((n) => types(n).some((t) => ARTICLE_TYPES.test(t)));
  // Real article types beat WebPage wrappers; among equals, the one with a body or headline wins.
  const rank = (n: JsonObject): number =>
    (types(n).some((t) => /Article|Posting|Report/.test(t)) ? 4 : 0) +
    (typeof n['articleBody'] === 'string' ? 2 : 0) +
    (n['headline'] ? 1 : 0);
  return articles.sort((a, b) => rank(b) - rank(a))[0];
}

function toArticle(node: JsonObject): JsonLdArticle {
  return {
    headline: text(node['headline']) ?? text(node['name']),
    articleBody: text(node['articleBody']) ?? text(node['text']),
    author: names(node['author']) ?? names(node['creator']),
    datePublished: text(node['datePublished']) ?? text(node['dateCreated']),
    dateModified: text(node['dateModified']),
    inLanguage: text(node['inLanguage']),
    url: text(node['url']),
    publisher: names(node['publisher']),
    description: text(node['description']),
  };
}

function text(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') return text(value['@value'] ?? value['name']);
  return undefined;
}

/** Person or organisation names, joined with commas when there are several. */
function names(value: JsonValue | undefined): string | undefined {
  const list = (Array.isArray(value) ? value : [value]).map((v) => text(v ?? undefined)).filter(Boolean);
  return list.length > 0 ? [...new Set(list)].join(', ') : undefined;
}
