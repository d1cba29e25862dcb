import { type Document, type Element } from 'domhandler';
import { attr, collapsedText, descendants } from '../dom/html-document.js';

/** What the markup of a page declares about itself, gathered in one walk over the tree. */
export interface PageMeta {
  /** `<meta>` contents by lower-cased name, property or itemprop; the first occurrence wins. */
  readonly meta: ReadonlyMap<string, string>;
  /** Values of elements carrying an author or date itemprop (content, datetime or text), first occurrence. */
  readonly itemprops: ReadonlyMap<string, string>;
  readonly htmlLang?: string;
  readonly canonical?: string;
  readonly titleTag?: string;
  readonly h1?: string;
  /** `datetime` of `<time>` elements, in document order. */
  readonly times: readonly string[];
  /** Text of elements marked as author links or bylines. */
  readonly bylines: readonly string[];
  /** Short texts of elements named as dates ("date", "published", "dateline"), in document order. */
  readonly datelines: readonly string[];
}

const DATELINE_NAME = /date|time|publish|posted|updated|dateline|meta/i;
/** Longer elements named like datelines are containers, not dates. */
const MAX_DATELINE_CHARS = 120;

const READ_ITEMPROPS = new Set(['author', 'datePublished', 'dateModified']);

/** Bylines and datelines are short: larger elements with such names are containers, read no further. */
const MAX_PROBED_CHARS = 400;

const BYLINE_NAME = /(?:^|[-_\s])(?:byline|author(?:-name)?|article-author|story-author)(?:$|[-_\s])/i;

export function readPageMeta(document: Document): PageMeta {
  const meta = new Map<string, string>();
  const itemprops = new Map<string, string>();
  const times: string[] = [];
  const bylines: string[] = [];
  const datelines: string[] = [];
  let htmlLang: string | undefined;
  let canonical: string | undefined;
  let titleTag: string | undefined;
  let h1: string | undefined;
  for (const el of descendants(document)) {
    switch (el.name) {
      case 'html':
        htmlLang ??= attr(el, 'lang') || attr(el, 'xml:lang') || undefined;
        break;
      case 'meta':
        readMeta(el, meta);
        break;
      case 'link':
        if (/(?:^|\s)canonical(?:\s|$)/i.test(attr(el, 'rel') ?? '')) canonical ??= attr(el, 'href') || undefined;
        break;
      case 'title':
        titleTag ??= collapsedText(el) || undefined;
        break;
      case 'h1':
        h1 ??= collapsedText(el) || undefined;
        break;
      case 'time': {
        const datetime = attr(el, 'datetime');
        if (datetime) times.push(datetime);
        break;
      }
    }
    const itemprop = attr(el, 'itemprop');
    if (itemprop && READ_ITEMPROPS.has(itemprop) && el.name !== 'meta' && !itemprops.has(itemprop)) {
      const value = attr(el, 'content') ?? attr(el, 'datetime') ?? collapsedText(el, MAX_PROBED_CHARS);
      if (value) itemprops.set(itemprop, value);
    }
    if (el.name === 'meta' || el.name === 'link' || el.name === 'script') continue;
    if (isByline(el) && !insideForm(el)) bylines.push(collapsedText(el, MAX_PROBED_CHARS));
    if (DATELINE_NAME.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`)) {
      const text = collapsedText(el, MAX_PROBED_CHARS);
      if (text.length <= MAX_DATELINE_CHARS) datelines.push(text);
    }
  }
  return { meta, itemprops, htmlLang, canonical, titleTag, h1, times, bylines, datelines };
}

function readMeta(el: Element, meta: Map<string, string>): void {
  const content = attr(el, 'content');
  if (!content) return;
  for (const key of [attr(el, 'property'), attr(el, 'name'), attr(el, 'itemprop'), attr(el, 'http-equiv')]) {
    if (key && !meta.has(key.toLowerCase())) meta.set(key.toLowerCase(), content);
  }
}

function isByline(el: Element): boolean {
  if (/(?:^|\s)author(?:\s|$)/i.test(attr(el, 'rel') ?? '')) return true;
  const names = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  return names.length > 1 && BYLINE_NAME.test(names);
}

/** Comment forms label their name fields "author": those are not bylines. */
function insideForm(el: Element): boolean {
  for (let n = el.parent; n && n.type !== 'root'; n = n.parent) if ((n as Element).name === 'form') return true;
  return false;
}
