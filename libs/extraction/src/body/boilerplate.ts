import { type ChildNode, type Document, type Element, isTag } from 'domhandler';
import { removeElement } from 'domutils';
import { attr } from '../dom/html-document.js';
import { measureTree, type TextStats } from './text-stats.js';

/** Elements that never carry article prose. `form` is absent: some CMSs wrap the whole page in one. */
const NON_CONTENT_TAGS = new Set(
  `
  script style noscript template svg canvas iframe object embed button input select textarea
  option label nav aside footer header figure figcaption audio video picture img title meta
  link dialog menu map
  `
    .trim()
    .split(/\s+/),
);

const NON_CONTENT_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo', 'dialog', 'menu', 'alert']);

/** Class or id words of blocks around an article: sharing, promotion, related links, comments, chrome. */
const BOILERPLATE_NAME =
  /(?:^|[-_\s])(?:share\w*|social\w*|related\w*|recommend\w*|newsletter|subscri\w*|promo\w*|advert\w*|ads?|adslot|sponsor\w*|comments?|disqus|sidebar|breadcrumbs?|footer|masthead|cookie|consent|gdpr|popup|modal|caption|credits?|tags|tag-list|toolbar|widget|outbrain|taboola|read-?more|more-stories|trending|most-popular|popular|signup|sign-up|byline|author-bio|bio|rating|pagination|pager|print|skip|hidden|visually-hidden|sr-only|screen-reader-text|banner|menu|nav|navbar|topics|keywords|disclaimer|inline-related|see-also|also-read|readmore|next-article|prev-article)(?:$|[-_\s])/i;

/** Names that mark the article itself; an element with one of these is never dropped for its name. */
const ARTICLE_NAME =
  /(?:^|[-_\s])(?:article|story|entry|post|content|main|body|text|embed|tweet|quote)[-_]?(?:body|content|text)?(?:$|[-_\s])/i;

/**
 * Attributes alone never remove more than this share of the page's text: page-wide wrappers carry
 * names such as `Page-ad-margins` or `aria-hidden` while a dialog is open.
 */
const MAX_SHARE_REMOVED_BY_NAME = 0.4;

/**
 * Removes markup that is never article text, and blocks whose names or roles say they are chrome.
 * Returns the text measures of what is left, kept up to date while removing.
 */
export function removeBoilerplate(document: Document): Map<Element, TextStats> {
  const stats = measureTree(document);
  let pageText = 0;
  for (const el of document.children) pageText += (el.type === 'tag' && stats.get(el as Element)?.text) || 0;
  const doomed: Element[] = [];
  // Nothing inside a doomed element is looked at: it goes with its ancestor.
  const stack: ChildNode[] = [...document.children];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (!isTag(el)) continue;
    const isDoomed =
      NON_CONTENT_TAGS.has(el.name) ||
      (isChromeByAttributes(el) && (stats.get(el)?.text ?? 0) <= pageText * MAX_SHARE_REMOVED_BY_NAME);
    if (isDoomed) doomed.push(el);
    else for (const child of el.children) stack.push(child);
  }
  for (const el of doomed) {
    subtractFromAncestors(el, stats);
    removeElement(el);
  }
  return stats;
}

/** Cheaper than measuring the tree again. */
function subtractFromAncestors(el: Element, stats: Map<Element, TextStats>): void {
  const removed = stats.get(el);
  if (!removed) return;
  for (let n = el.parent; n && isTag(n); n = n.parent) {
    const s = stats.get(n);
    if (!s) continue;
    s.text -= removed.text;
    s.linkText = Math.max(0, s.linkText - removed.linkText);
    s.commas -= removed.commas;
    s.paragraphs -= removed.paragraphs;
  }
}

function isChromeByAttributes(el: Element): boolean {
  if (el.name === 'body' || el.name === 'html' || el.name === 'article' || el.name === 'main') return false;
  if (el.attribs['hidden'] !== undefined || attr(el, 'aria-hidden') === 'true') return true;
  const role = attr(el, 'role');
  if (role && NON_CONTENT_ROLES.has(role)) return true;
  const style = attr(el, 'style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const names = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  return names.length > 1 && BOILERPLATE_NAME.test(names) && !ARTICLE_NAME.test(names);
}
